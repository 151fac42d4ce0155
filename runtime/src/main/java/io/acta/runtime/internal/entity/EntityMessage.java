package io.acta.runtime.internal.entity;

/**
 * What an entity's actor receives: commands from callers ({@link CommandEnvelope}), and the answers
 * of the store calls it makes itself for idempotency keys ({@link KeyStep}) and, for a process, for
 * its steps ({@link ProcessMessage}); the last two local only.
 */
public sealed interface EntityMessage
    permits CommandEnvelope, KeyStep, ProcessMessage, EntityMessage.Resume {

  /** Sent to itself after a recovery, to run the commands stashed before a restart. */
  record Resume() implements EntityMessage {}
}
