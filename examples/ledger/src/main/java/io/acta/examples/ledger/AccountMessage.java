package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;

/**
 * What the ledger tells other systems about accounts, on topic {@code ledger.account-events}: a
 * public contract, apart from {@link AccountEvent} so that the events can change without breaking
 * its readers. Add fields, never rename them; an incompatible change is a new version.
 */
public sealed interface AccountMessage {

  /** The account the message is about. */
  String accountId();

  @TypeName("ledger.account-opened")
  record AccountOpened(String accountId, String owner, String currency) implements AccountMessage {}

  @TypeName("ledger.money-deposited")
  record MoneyDeposited(String accountId, Money amount) implements AccountMessage {}

  @TypeName("ledger.money-withdrawn")
  record MoneyWithdrawn(String accountId, Money amount) implements AccountMessage {}

  @TypeName("ledger.account-closed")
  record AccountClosed(String accountId) implements AccountMessage {}
}
