package io.acta.examples.ledger;

import io.acta.api.view.View;
import io.acta.api.view.ViewEvent;
import io.acta.examples.ledger.AccountEvent.Closed;
import io.acta.examples.ledger.AccountEvent.Deposited;
import io.acta.examples.ledger.AccountEvent.Opened;
import io.acta.examples.ledger.AccountEvent.Withdrawn;
import java.math.BigInteger;

/**
 * All accounts of a currency folded into one row. Sums are exact and unbounded ({@link
 * BigInteger}): totals over many accounts legitimately pass {@code Long.MAX_VALUE}, so refusing
 * such an event (a poison event, stopping the row) would stop a correct view, and wrapping around
 * would show a wrong one.
 */
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
    return new CurrencyTotals(currency, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
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
              t.deposited().add(minorUnits(d.amount())),
              t.withdrawn(),
              t.balance().add(minorUnits(d.amount())));
      case Withdrawn w ->
          new CurrencyTotals(
              t.currency(),
              t.accountsOpened(),
              t.deposited(),
              t.withdrawn().add(minorUnits(w.amount())),
              t.balance().subtract(minorUnits(w.amount())));
      case Closed c -> t;
    };
  }

  private static BigInteger minorUnits(Money amount) {
    return BigInteger.valueOf(amount.minorUnits());
  }
}
