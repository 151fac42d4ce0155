package io.acta.examples.ledger;

import io.acta.entity.TypeName;

/** What has happened to an account. Stored forever: change a shape only with a new version and an upcaster. */
public sealed interface AccountEvent {

  @TypeName("account.opened")
  record Opened(String owner, String currency) implements AccountEvent {}

  @TypeName("account.deposited")
  record Deposited(Money amount) implements AccountEvent {}

  @TypeName("account.withdrawn")
  record Withdrawn(Money amount) implements AccountEvent {}

  @TypeName("account.closed")
  record Closed() implements AccountEvent {}
}
