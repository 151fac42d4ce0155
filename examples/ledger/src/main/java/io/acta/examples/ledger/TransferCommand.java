package io.acta.examples.ledger;

import io.acta.api.entity.Done;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;
import io.acta.api.security.Caller;

/** What can be asked of a transfer. */
public sealed interface TransferCommand<R> extends ReplyType<R> {

  /**
   * Moves {@code amount} from account {@code from} to account {@code to}, on behalf of {@code
   * caller}: the source account decides whether the caller may take money out of it.
   */
  @TypeName("transfer.start")
  record Start(String from, String to, Money amount, String idempotencyKey, Caller caller)
      implements TransferCommand<Done>, Idempotent {
    /** Started by the ledger itself. */
    public Start(String from, String to, Money amount, String idempotencyKey) {
      this(from, to, amount, idempotencyKey, Ledger.SERVICE);
    }
  }

  /** Lets a transfer above the approval threshold go ahead. */
  @TypeName("transfer.approve")
  record Approve() implements TransferCommand<Done> {}

  /** Reads the transfer. */
  @TypeName("transfer.get")
  record Get() implements TransferCommand<TransferState> {}
}
