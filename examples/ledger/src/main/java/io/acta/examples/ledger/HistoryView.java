package io.acta.examples.ledger;

import io.acta.api.view.View;
import io.acta.api.view.ViewEvent;
import io.acta.examples.ledger.AccountEvent.Closed;
import io.acta.examples.ledger.AccountEvent.Deposited;
import io.acta.examples.ledger.AccountEvent.Opened;
import io.acta.examples.ledger.AccountEvent.Withdrawn;
import java.util.ArrayList;
import java.util.List;

/** One row per account with its latest movements. */
final class HistoryView implements View<AccountEvent, AccountHistory> {

  @Override
  public String keyOf(ViewEvent<AccountEvent> event) {
    return event.entityId();
  }

  @Override
  public AccountHistory initial(String accountId) {
    return new AccountHistory(accountId, null, List.of(), 0);
  }

  @Override
  public AccountHistory apply(AccountHistory row, ViewEvent<AccountEvent> event) {
    return switch (event.payload()) {
      case Opened o ->
          new AccountHistory(
              row.accountId(), Money.of(0, o.currency()), row.movements(), row.total());
      case Closed c -> row;
      case Deposited d ->
          add(row, event, "deposit", d.amount(), row.balance().plus(d.amount().minorUnits()));
      case Withdrawn w ->
          add(row, event, "withdrawal", w.amount(), row.balance().minus(w.amount().minorUnits()));
    };
  }

  private static AccountHistory add(
      AccountHistory row,
      ViewEvent<AccountEvent> event,
      String kind,
      Money amount,
      Money balanceAfter) {
    var movements = new ArrayList<>(row.movements());
    movements.add(
        new AccountHistory.Movement(
            event.sequenceNr(), event.timestamp(), kind, amount, balanceAfter));
    while (movements.size() > AccountHistory.KEEP) movements.removeFirst();
    return new AccountHistory(
        row.accountId(), balanceAfter, List.copyOf(movements), row.total() + 1);
  }
}
