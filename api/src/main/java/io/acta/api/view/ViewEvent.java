package io.acta.api.view;

import io.acta.api.entity.PersistenceId;
import java.time.Instant;

/**
 * One event as a view sees it: the payload and where it comes from.
 *
 * @param entityType the source entity type's name
 * @param entityId the source entity's id
 * @param sequenceNr the event's position in that entity's journal, from 1
 * @param timestamp when the event was persisted
 * @param payload the event itself
 * @param <E> the source entity type's event type
 */
public record ViewEvent<E>(
    String entityType, String entityId, long sequenceNr, Instant timestamp, E payload) {

  /** The source entity's persistence id, {@code type|id}. */
  public String persistenceId() {
    return PersistenceId.of(entityType, entityId).value();
  }
}
