package io.acta.runtime.internal.entity;

import io.acta.api.spi.Outcome;

/**
 * What a process sends itself while it drives its steps (local only, never stored). Each names the
 * journal position of the step it belongs to, so that a message of a step the process has left is
 * recognised and dropped.
 */
sealed interface ProcessMessage extends EntityMessage {

  /** The position of the state whose step this message belongs to. */
  long at();

  /** The asked entity's outcome, or why there was none (a timeout, an unreachable shard). */
  record Answered(long at, Outcome outcome, Throwable failure) implements ProcessMessage {}

  /** Time to send an unanswered ask again. */
  record Retry(long at) implements ProcessMessage {}

  /** A durable timer is due. */
  record Due(long at) implements ProcessMessage {}
}
