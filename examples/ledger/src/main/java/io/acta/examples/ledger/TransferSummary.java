package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;
import io.acta.examples.ledger.TransferState.Status;
import java.time.Instant;

/**
 * A row of the transfers view: one per transfer, listable by either of its accounts.
 *
 * @param transferId the transfer
 * @param from the source account
 * @param to the target account
 * @param amount what moves
 * @param status where the transfer is
 * @param reason why it failed or was refunded; {@code null} otherwise
 * @param approvalDeadline when it expires without approval; {@code null} when it needs none
 * @param requested when it was asked for
 * @param updated when its status last changed
 */
@TypeName("ledger.transfer-summary")
public record TransferSummary(
    String transferId,
    String from,
    String to,
    Money amount,
    Status status,
    String reason,
    Instant approvalDeadline,
    Instant requested,
    Instant updated) {

  /** The transfer as its process sees it. */
  TransferState state() {
    return new TransferState(status, from, to, amount, approvalDeadline, reason);
  }
}
