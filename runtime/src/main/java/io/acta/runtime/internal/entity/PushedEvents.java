package io.acta.runtime.internal.entity;

import java.util.List;

/**
 * Events an entity has just persisted, pushed to the projections of its slice ({@link EventPush}):
 * the journal's entries from {@code firstSequenceNr} on, as the journal holds them (a traced event
 * as its {@link TracedEvent}, an idempotency record as such), with when they were persisted.
 */
public record PushedEvents(
    String tag, String persistenceId, long firstSequenceNr, long timestamp, List<Object> events) {}
