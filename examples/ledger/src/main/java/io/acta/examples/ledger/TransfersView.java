package io.acta.examples.ledger;

import io.acta.api.view.View;
import io.acta.api.view.ViewEvent;

/**
 * One row per transfer with its status, folded the way the transfer process folds its own events
 * ({@link TransferState#after}), so the row and the process never disagree on what an event means.
 */
final class TransfersView implements View<TransferEvent, TransferSummary> {

  @Override
  public String keyOf(ViewEvent<TransferEvent> event) {
    return event.entityId();
  }

  @Override
  public TransferSummary initial(String transferId) {
    return new TransferSummary(
        transferId, null, null, null, TransferState.Status.NEW, null, null, null, null);
  }

  @Override
  public TransferSummary apply(TransferSummary row, ViewEvent<TransferEvent> event) {
    TransferState next = row.state().after(event.payload());
    return new TransferSummary(
        row.transferId(),
        next.from(),
        next.to(),
        next.amount(),
        next.status(),
        next.reason(),
        next.approvalDeadline(),
        row.requested() != null ? row.requested() : event.timestamp(),
        event.timestamp());
  }
}
