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

  /**
   * {@code type|id|sequenceNr}, as HTTP's {@code Write-Position} header carries it; read back by
   * {@link #parse}.
   */
  public String value() {
    return persistenceId() + PersistenceId.SEPARATOR + sequenceNr;
  }

  /**
   * Reads {@code type|id|sequenceNr}; the id may itself contain the separator.
   *
   * @throws IllegalArgumentException when {@code value} is not in that form
   */
  public static WritePosition parse(String value) {
    int last = value.lastIndexOf(PersistenceId.SEPARATOR);
    if (last < 0)
      throw new IllegalArgumentException(
          "a write position is written type|id|sequenceNr, was \"" + value + "\"");
    PersistenceId id = PersistenceId.parse(value.substring(0, last));
    try {
      return new WritePosition(
          id.entityType(), id.entityId(), Long.parseLong(value.substring(last + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a write position ends in its sequence number, was \"" + value + "\"", e);
    }
  }

  /** The persistence id of the entity: {@code type|id}. */
  public String persistenceId() {
    return PersistenceId.of(entityType, entityId).value();
  }
}
