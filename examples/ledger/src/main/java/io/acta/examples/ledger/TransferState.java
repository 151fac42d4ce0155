package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;
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
    Status status, String from, String to, Money amount, Instant approvalDeadline, String reason) {

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

  /** This transfer in {@code next}, with {@code why} (may be null). */
  TransferState to(Status next, String why) {
    return new TransferState(next, from, to, amount, approvalDeadline, why != null ? why : reason);
  }

  /** Whether the transfer is over. */
  public boolean isFinal() {
    return switch (status) {
      case COMPLETED, FAILED, REFUNDED, REFUND_REFUSED -> true;
      default -> false;
    };
  }
}
