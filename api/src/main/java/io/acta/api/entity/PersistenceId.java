package io.acta.api.entity;

import java.util.Objects;

/**
 * The identity of one entity's journal: its type's name and its id, written {@code type|id}. This
 * record is the one place that format is made or read; it is stored with every event, so it never
 * changes.
 *
 * @param entityType the entity type's name
 * @param entityId the entity's id
 */
public record PersistenceId(String entityType, String entityId) {
  /** Between type and id; an entity type's name cannot contain it. */
  public static final char SEPARATOR = '|';

  public PersistenceId {
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(entityId, "entityId");
  }

  /** The persistence id of entity {@code entityId} of type {@code entityType}. */
  public static PersistenceId of(String entityType, String entityId) {
    return new PersistenceId(entityType, entityId);
  }

  /**
   * Reads {@code type|id}; the id may itself contain the separator.
   *
   * @throws IllegalArgumentException when {@code value} has no separator or an empty part
   */
  public static PersistenceId parse(String value) {
    int bar = value.indexOf(SEPARATOR);
    if (bar <= 0 || bar == value.length() - 1) {
      throw new IllegalArgumentException(
          "a persistence id is written <entity type>|<entity id>, was \"" + value + "\"");
    }
    return new PersistenceId(value.substring(0, bar), value.substring(bar + 1));
  }

  /** {@code type|id}. */
  public String value() {
    return entityType + SEPARATOR + entityId;
  }

  @Override
  public String toString() {
    return value();
  }
}
