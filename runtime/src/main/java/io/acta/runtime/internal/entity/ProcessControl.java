package io.acta.runtime.internal.entity;

/**
 * An operator's command to a process, carried to wherever it runs like a user command, and taken
 * even while the process waits for a step's answer (when user commands wait).
 */
public sealed interface ProcessControl {

  /** Try the current step again now. */
  enum Retry implements ProcessControl {
    INSTANCE
  }

  /** Give up the ask in flight, as if the entity asked had rejected it. */
  record Abandon(String reason) implements ProcessControl {}
}
