package io.acta.api.entity;

/**
 * The entity could not handle the command because of a fault in its own code (an exception thrown
 * by {@code decide}, {@code evolve} or a reply function) or in the store. Nothing was persisted.
 */
public final class EntityFailureException extends ActaException {
  public EntityFailureException(String message) {
    super(message);
  }

  public EntityFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
