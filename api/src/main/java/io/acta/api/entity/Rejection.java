package io.acta.api.entity;

import java.util.Objects;

/**
 * Why an entity refused a command. The caller receives it at once, as a {@link
 * CommandRejectedException}; nothing was persisted.
 *
 * @param kind whether the command conflicts with the state, is invalid in itself, or is not the
 *     caller's to send
 * @param reason a message for the caller, e.g. {@code "insufficient funds"}
 */
public record Rejection(Kind kind, String reason) {

  /** The ways a command can be refused; HTTP maps them to 409, 422 and 403. */
  public enum Kind {
    /**
     * The command is well-formed but conflicts with the entity's state (e.g. insufficient funds).
     */
    CONFLICT,
    /** The command is invalid whatever the state (e.g. a negative amount). */
    INVALID,
    /**
     * The caller may not send this command to this entity (e.g. moving money out of another's
     * account): a rule of the domain, over the caller the command carries.
     */
    FORBIDDEN
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

  /** A rejection because the caller may not send this command to this entity. */
  public static Rejection forbidden(String reason) {
    return new Rejection(Kind.FORBIDDEN, reason);
  }
}
