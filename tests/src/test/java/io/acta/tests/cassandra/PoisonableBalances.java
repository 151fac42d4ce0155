package io.acta.tests.cassandra;

import io.acta.api.view.View;
import io.acta.api.view.ViewEvent;
import io.acta.api.view.ViewType;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountBalance;
import io.acta.examples.ledger.AccountEvent;
import io.acta.examples.ledger.AccountState;
import io.acta.examples.ledger.Money;

/** A balances view with a bug: it fails on any deposit of 666 minor units (a poison event). */
public final class PoisonableBalances implements View<AccountEvent, AccountBalance> {
  public static final long POISON = 666;
  public static final ViewType<AccountBalance> TYPE =
      ViewType.of("poisonable", AccountBalance.class, Account.TYPE, new PoisonableBalances());

  @Override
  public String keyOf(ViewEvent<AccountEvent> event) {
    return event.entityId();
  }

  @Override
  public AccountBalance initial(String key) {
    return new AccountBalance(key, null, null, AccountState.Status.NEW);
  }

  @Override
  public AccountBalance apply(AccountBalance row, ViewEvent<AccountEvent> event) {
    return switch (event.payload()) {
      case AccountEvent.Opened o ->
          new AccountBalance(
              row.accountId(), o.owner(), Money.of(0, o.currency()), AccountState.Status.OPEN);
      case AccountEvent.Deposited d when d.amount().minorUnits() == POISON ->
          throw new IllegalArgumentException("cannot fold 666");
      case AccountEvent.Deposited d ->
          new AccountBalance(
              row.accountId(),
              row.owner(),
              row.balance().plus(d.amount().minorUnits()),
              row.status());
      case AccountEvent.Withdrawn w ->
          new AccountBalance(
              row.accountId(),
              row.owner(),
              row.balance().minus(w.amount().minorUnits()),
              row.status());
      case AccountEvent.Closed c -> row;
    };
  }
}
