package io.acta.examples.ledger;

import io.acta.api.view.View;
import io.acta.api.view.ViewEvent;
import io.acta.examples.ledger.AccountEvent.Closed;
import io.acta.examples.ledger.AccountEvent.Deposited;
import io.acta.examples.ledger.AccountEvent.Opened;
import io.acta.examples.ledger.AccountEvent.Withdrawn;

/** All accounts of a currency folded into one row. */
final class TotalsView implements View<AccountEvent, CurrencyTotals> {

  @Override
  public String keyOf(ViewEvent<AccountEvent> event) {
    return switch (event.payload()) {
      case Opened o -> o.currency();
      case Deposited d -> d.amount().currency();
      case Withdrawn w -> w.amount().currency();
      case Closed c -> null; // a closed account holds nothing: the totals do not change
    };
  }

  @Override
  public CurrencyTotals initial(String currency) {
    return new CurrencyTotals(currency, 0, 0, 0, 0);
  }

  @Override
  public CurrencyTotals apply(CurrencyTotals t, ViewEvent<AccountEvent> event) {
    return switch (event.payload()) {
      case Opened o ->
          new CurrencyTotals(
              t.currency(), t.accountsOpened() + 1, t.deposited(), t.withdrawn(), t.balance());
      case Deposited d ->
          new CurrencyTotals(
              t.currency(),
              t.accountsOpened(),
              t.deposited() + d.amount().minorUnits(),
              t.withdrawn(),
              t.balance() + d.amount().minorUnits());
      case Withdrawn w ->
          new CurrencyTotals(
              t.currency(),
              t.accountsOpened(),
              t.deposited(),
              t.withdrawn() + w.amount().minorUnits(),
              t.balance() - w.amount().minorUnits());
      case Closed c -> t;
    };
  }
}
