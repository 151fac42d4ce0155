package io.acta.api.entity;

import java.util.Objects;

/**
 * Why an entity refused a command. The caller receives it at once, as a {@link
 * CommandRejectedException}; nothing was persisted.
 *
 * @param kind whether the command conflicts with the state or is invalid in itself
 * @param reason a message for the caller, e.g. {@code "insufficient funds"}
 */
public record Rejection(Kind kind, String reason) {

  /** The two ways a command can be refused; HTTP maps them to 409 and 422. */
  public enum Kind {
    /**
     * The command is well-formed but conflicts with the entity's state (e.g. insufficient funds).
     */
    CONFLICT,
    /** The command is invalid whatever the state (e.g. a negative amount). */
    INVALID
  }

  public Rejection {
    Objects.requireNonNull(kind, "kind");
    if (reason == null || reason.isBlank())
      throw new IllegalArgumentException("a rejection needs a reason");
  }

  /** A rejection because the command conflicts with the current state. */
  public static Rejection conflict(String reason) {
    return new Rejection(Kind.CONFLICT, reason);
  }

  /** A rejection because the command is invalid in itself. */
  public static Rejection invalid(String reason) {
    return new Rejection(Kind.INVALID, reason);
  }
}
