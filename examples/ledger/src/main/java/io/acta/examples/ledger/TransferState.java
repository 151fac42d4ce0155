package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;
import io.acta.api.security.Caller;
import io.acta.examples.ledger.TransferEvent.Approved;
import io.acta.examples.ledger.TransferEvent.DepositRefused;
import io.acta.examples.ledger.TransferEvent.Deposited;
import io.acta.examples.ledger.TransferEvent.Expired;
import io.acta.examples.ledger.TransferEvent.RefundRefused;
import io.acta.examples.ledger.TransferEvent.Refunded;
import io.acta.examples.ledger.TransferEvent.Requested;
import io.acta.examples.ledger.TransferEvent.WithdrawRefused;
import io.acta.examples.ledger.TransferEvent.Withdrawn;
import java.time.Instant;

/**
 * A transfer as its events have made it.
 *
 * @param status where it is
 * @param from the source account; {@code null} before it is requested
 * @param to the target account
 * @param amount what moves
 * @param approvalDeadline when it expires without approval; {@code null} when it needs none
 * @param reason why it failed or was refunded; {@code null} otherwise
 */
@TypeName("transfer.state")
public record TransferState(
    Status status,
    String from,
    String to,
    Money amount,
    Instant approvalDeadline,
    String reason,
    Caller initiator) {

  /** A transfer of the ledger's own. */
  public TransferState(
      Status status,
      String from,
      String to,
      Money amount,
      Instant approvalDeadline,
      String reason) {
    this(status, from, to, amount, approvalDeadline, reason, Ledger.SERVICE);
  }

  /** The life of a transfer; the last four are final. */
  public enum Status {
    NEW,
    WITHDRAWING,
    AWAITING_APPROVAL,
    DEPOSITING,
    REFUNDING,
    COMPLETED,
    FAILED,
    REFUNDED,
    REFUND_REFUSED
  }

  public static final TransferState NEW =
      new TransferState(Status.NEW, null, null, null, null, null);

  /** This transfer after {@code event}: the transfer's evolve, shared with its view. */
  public TransferState after(TransferEvent event) {
    return switch (event) {
      case Requested r ->
          new TransferState(
              Status.WITHDRAWING,
              r.from(),
              r.to(),
              r.amount(),
              r.approvalDeadline(),
              null,
              r.initiator());
      case Withdrawn w ->
          to(approvalDeadline != null ? Status.AWAITING_APPROVAL : Status.DEPOSITING, null);
      case WithdrawRefused r -> to(Status.FAILED, r.reason());
      case Approved a -> to(Status.DEPOSITING, null);
      case Expired e -> to(Status.REFUNDING, "not approved in time");
      case Deposited d -> to(Status.COMPLETED, null);
      case DepositRefused r -> to(Status.REFUNDING, r.reason());
      case Refunded r -> to(Status.REFUNDED, null);
      case RefundRefused r -> to(Status.REFUND_REFUSED, r.reason());
    };
  }

  /** This transfer in {@code next}, with {@code why} (may be null). */
  TransferState to(Status next, String why) {
    return new TransferState(
        next, from, to, amount, approvalDeadline, why != null ? why : reason, initiator);
  }

  /** Whether the transfer is over. */
  public boolean isFinal() {
    return switch (status) {
      case COMPLETED, FAILED, REFUNDED, REFUND_REFUSED -> true;
      default -> false;
    };
  }
}
