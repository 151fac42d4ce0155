package io.acta.bench.raw;

/**
 * Marks the raw Pekko reference's messages, events and state for Pekko's Jackson serializer ({@code
 * jackson-json}), the binding a hand-written Pekko application declares.
 */
public interface RawJson {}
