package io.acta.api.spi;

/**
 * An entity's {@code evolve} threw, or returned nothing, for one event. Its message names the
 * entity type and the event's stored type name (never the Java class, which may be renamed), so
 * that it can be shown to a caller and found in the journal.
 */
public final class EvolveFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String entityType;
  private final String eventType;

  public EvolveFailedException(
      String entityType, String eventType, String reason, RuntimeException cause) {
    super(
        "evolve() of entity type '"
            + entityType
            + "' failed on event '"
            + eventType
            + "': "
            + reason,
        cause);
    this.entityType = entityType;
    this.eventType = eventType;
  }

  /** The entity type's name. */
  public String entityType() {
    return entityType;
  }

  /** The stored type name of the event evolve could not apply. */
  public String eventType() {
    return eventType;
  }
}
