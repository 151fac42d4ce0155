package io.acta.api.spi;

import io.acta.api.entity.Rejection;

/**
 * What a caller gets back for a command: a reply, a rejection, a failure of the entity, or word
 * that the entity's node cannot take commands now.
 */
public sealed interface Outcome {

  /**
   * The command was handled; {@code reply} is the entity's reply value and {@code sequenceNr} the
   * entity's journal position once it was handled (0 where no journal is involved).
   */
  record Accepted(Object reply, long sequenceNr) implements Outcome {
    public Accepted(Object reply) {
      this(reply, 0);
    }

    public Accepted at(long position) {
      return new Accepted(reply, position);
    }
  }

  /** The entity refused the command. */
  record Rejected(Rejection rejection) implements Outcome {}

  /** The entity's code or its store failed; {@code message} says what, for the caller. */
  record Failed(String message) implements Outcome {}

  /**
   * The entity's node is fencing itself (it was paused for longer than its pause fence) and takes
   * no command; {@code message} says whether anything may have been stored. The caller should retry
   * elsewhere with the same idempotency key.
   */
  record Unavailable(String message) implements Outcome {}
}
