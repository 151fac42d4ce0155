package io.acta.runtime.internal.entity;

/**
 * What an entity's actor receives: commands from callers ({@link CommandEnvelope}), and the answers
 * of the store calls it makes itself for idempotency keys ({@link KeyStep}, local only).
 */
public sealed interface EntityMessage permits CommandEnvelope, KeyStep, EntityMessage.Resume {

  /** Sent to itself after a recovery, to run the commands stashed before a restart. */
  record Resume() implements EntityMessage {}
}
