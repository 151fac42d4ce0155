package io.acta.api.view;

import java.time.Duration;

/**
 * A finished rebuild: the new version serves reads, the old one has retired.
 *
 * @param view the view's name
 * @param fromVersion the version that served during the rebuild
 * @param toVersion the rebuilt version, serving now
 * @param events how many journal events the rebuild read
 * @param took how long it took
 */
public record RebuildResult(
    String view, int fromVersion, int toVersion, long events, Duration took) {}
