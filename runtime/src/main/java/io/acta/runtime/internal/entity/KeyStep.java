package io.acta.runtime.internal.entity;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The answer of a store call an entity made for a keyed command, piped back to itself. Each carries
 * the id of the step it answers, so that an answer arriving after the entity restarted (when the
 * step it belongs to is gone) is recognised and its caller told that nothing was applied.
 */
sealed interface KeyStep extends EntityMessage {

  /** The step this answers. */
  long step();

  /** The command the step is for. */
  CommandEnvelope envelope();

  /** A keyed command and what identifies it. */
  record Keyed(CommandEnvelope envelope, String key, String fingerprint, long atMillis) {}

  /** The key index's answer: where the key's record was to be persisted, if anywhere. */
  record Found(long step, Keyed keyed, OptionalLong sequenceNr, Throwable failure)
      implements KeyStep {
    @Override
    public CommandEnvelope envelope() {
      return keyed.envelope();
    }
  }

  /** The journal's answer: the idempotency record at the position the index named, if it is one. */
  record Read(long step, Keyed keyed, Optional<IdempotencyRecorded> record, Throwable failure)
      implements KeyStep {
    @Override
    public CommandEnvelope envelope() {
      return keyed.envelope();
    }
  }

  /** The key index noted the key: the command's events, and its record, may now be persisted. */
  record Noted(long step, Keyed keyed, Decided decided, Throwable failure) implements KeyStep {
    @Override
    public CommandEnvelope envelope() {
      return keyed.envelope();
    }
  }

  /**
   * A command decided, folded and about to be persisted.
   *
   * @param effect the entity's effect (typed by the behaviour that made it)
   * @param toPersist the events, then the idempotency record
   * @param reply the reply stored with the key
   */
  record Decided(Object effect, List<Object> toPersist, Object reply) {}
}
