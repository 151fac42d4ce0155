package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;
import io.acta.api.security.Caller;
import java.time.Instant;

/** What happened to a transfer. */
public sealed interface TransferEvent {

  /**
   * A transfer was asked for.
   *
   * @param approvalDeadline when a transfer that needs approval expires; {@code null} when it needs
   *     none
   * @param initiator on whose behalf the money is withdrawn (who and which roles, no other claim);
   *     {@code null} in transfers requested before it was kept: the ledger's own
   */
  @TypeName("transfer.requested")
  record Requested(String from, String to, Money amount, Instant approvalDeadline, Caller initiator)
      implements TransferEvent {
    /** Requested by the ledger itself. */
    public Requested(String from, String to, Money amount, Instant approvalDeadline) {
      this(from, to, amount, approvalDeadline, Ledger.SERVICE);
    }
  }

  /** The money left the source account. */
  @TypeName("transfer.withdrawn")
  record Withdrawn() implements TransferEvent {}

  /** The source account refused the withdrawal: the transfer failed, nothing moved. */
  @TypeName("transfer.withdraw-refused")
  record WithdrawRefused(String reason) implements TransferEvent {}

  /** Someone approved the transfer. */
  @TypeName("transfer.approved")
  record Approved() implements TransferEvent {}

  /** No approval came in time. */
  @TypeName("transfer.expired")
  record Expired() implements TransferEvent {}

  /** The money reached the target account. */
  @TypeName("transfer.deposited")
  record Deposited() implements TransferEvent {}

  /** The target account refused the deposit: the money goes back. */
  @TypeName("transfer.deposit-refused")
  record DepositRefused(String reason) implements TransferEvent {}

  /** The money is back in the source account. */
  @TypeName("transfer.refunded")
  record Refunded() implements TransferEvent {}

  /** The source account refused the refund: an operator must settle it. */
  @TypeName("transfer.refund-refused")
  record RefundRefused(String reason) implements TransferEvent {}
}
