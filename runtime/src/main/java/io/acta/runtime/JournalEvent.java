package io.acta.runtime;

import java.time.Instant;

/**
 * One event of an entity's journal, as {@link ActaNode#events} reads it back.
 *
 * @param sequenceNr its position in the entity's journal, from 1
 * @param typeName the name it is stored under ({@code @TypeName})
 * @param timestamp when it was persisted
 * @param event the event, an instance of the entity type's event type
 */
public record JournalEvent(long sequenceNr, String typeName, Instant timestamp, Object event) {}
