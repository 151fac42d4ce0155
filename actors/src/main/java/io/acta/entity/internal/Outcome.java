package io.acta.entity.internal;

import io.acta.entity.Rejection;

/** What a caller gets back for a command: a reply, a rejection, or a failure of the entity. */
public sealed interface Outcome {

  /** The command was handled; {@code reply} is the entity's reply value. */
  record Accepted(Object reply) implements Outcome {}

  /** The entity refused the command. */
  record Rejected(Rejection rejection) implements Outcome {}

  /** The entity's code or its store failed; {@code message} says what, for the caller. */
  record Failed(String message) implements Outcome {}
}
