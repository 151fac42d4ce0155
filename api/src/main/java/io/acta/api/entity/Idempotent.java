package io.acta.api.entity;

/**
 * A command that may carry an idempotency key. When an entity accepts and persists a command with a
 * key, a repeat of that key within the type's idempotency window gets the original reply and
 * persists nothing, also after the entity was passivated, recovered or the node restarted.
 *
 * <p>A key names one operation: reusing it for a different command is rejected as invalid. A
 * command whose key is {@code null} or blank is handled as a plain command. Rejected commands
 * persist nothing and are not remembered, so a corrected retry may use the same key.
 */
public interface Idempotent {
  /** The caller's key for this operation, or {@code null} for none. */
  String idempotencyKey();
}
