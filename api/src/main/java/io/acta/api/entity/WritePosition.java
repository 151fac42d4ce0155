package io.acta.api.entity;

/**
 * Where an entity's journal stood once a command was handled: views that have reached this position
 * reflect the command. Pass it to a view query to read your own writes.
 *
 * @param entityType the entity type's name
 * @param entityId the entity's id
 * @param sequenceNr the entity's last event's sequence number at that moment (0: no events yet)
 */
public record WritePosition(String entityType, String entityId, long sequenceNr) {

  /** The persistence id of the entity: {@code type|id}. */
  public String persistenceId() {
    return PersistenceId.of(entityType, entityId).value();
  }
}
