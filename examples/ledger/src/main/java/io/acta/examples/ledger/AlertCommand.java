package io.acta.examples.ledger;

import io.acta.api.entity.Done;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;

/** What can be asked of an account's alerts. */
public sealed interface AlertCommand<R> extends ReplyType<R> {

  /**
   * Records a large withdrawal: {@code amount}, the withdrawal's position in the account's journal.
   * Sent by the {@link LedgerReactions#LARGE_WITHDRAWALS} reaction, under a key derived from that
   * position.
   */
  @TypeName("alert.raise")
  record Raise(Money amount, long withdrawalSequenceNr, String idempotencyKey)
      implements AlertCommand<Done>, Idempotent {}

  /** Reads the alerts. */
  @TypeName("alert.get")
  record Get() implements AlertCommand<AlertState> {}
}
