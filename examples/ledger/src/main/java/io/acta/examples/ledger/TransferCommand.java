package io.acta.examples.ledger;

import io.acta.api.entity.Done;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;

/** What can be asked of a transfer. */
public sealed interface TransferCommand<R> extends ReplyType<R> {

  /** Moves {@code amount} from account {@code from} to account {@code to}. */
  @TypeName("transfer.start")
  record Start(String from, String to, Money amount, String idempotencyKey)
      implements TransferCommand<Done>, Idempotent {}

  /** Lets a transfer above the approval threshold go ahead. */
  @TypeName("transfer.approve")
  record Approve() implements TransferCommand<Done> {}

  /** Reads the transfer. */
  @TypeName("transfer.get")
  record Get() implements TransferCommand<TransferState> {}
}
