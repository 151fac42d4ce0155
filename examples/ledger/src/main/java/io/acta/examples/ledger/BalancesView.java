package io.acta.examples.ledger;

import io.acta.api.view.View;
import io.acta.api.view.ViewEvent;
import io.acta.examples.ledger.AccountEvent.Closed;
import io.acta.examples.ledger.AccountEvent.Deposited;
import io.acta.examples.ledger.AccountEvent.Opened;
import io.acta.examples.ledger.AccountEvent.Withdrawn;

/**
 * One row per account with its current balance. Like the account itself, the row adds with {@link
 * Money#plus}, which throws rather than wrap: a balance the account could never hold stops the row
 * as a poison event instead of showing a wrong one.
 */
final class BalancesView implements View<AccountEvent, AccountBalance> {

  @Override
  public String keyOf(ViewEvent<AccountEvent> event) {
    return event.entityId();
  }

  @Override
  public AccountBalance initial(String accountId) {
    return new AccountBalance(accountId, null, null, AccountState.Status.NEW);
  }

  @Override
  public AccountBalance apply(AccountBalance row, ViewEvent<AccountEvent> event) {
    return switch (event.payload()) {
      case Opened o ->
          new AccountBalance(
              row.accountId(), o.owner(), Money.of(0, o.currency()), AccountState.Status.OPEN);
      case Deposited d ->
          new AccountBalance(
              row.accountId(),
              row.owner(),
              row.balance().plus(d.amount().minorUnits()),
              row.status());
      case Withdrawn w ->
          new AccountBalance(
              row.accountId(),
              row.owner(),
              row.balance().minus(w.amount().minorUnits()),
              row.status());
      case Closed c ->
          new AccountBalance(
              row.accountId(), row.owner(), row.balance(), AccountState.Status.CLOSED);
    };
  }
}
