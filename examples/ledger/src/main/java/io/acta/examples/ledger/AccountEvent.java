package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;

/**
 * What has happened to an account. Stored forever: change a shape only with a new version and an
 * upcaster.
 */
public sealed interface AccountEvent {

  @TypeName("account.opened")
  record Opened(String owner, String currency) implements AccountEvent {}

  /**
   * Version 1 stored {@code {"amount": 1000, "currency": "EUR"}}; see {@link Account#TYPE}'s
   * upcaster.
   */
  @TypeName(value = "account.deposited", version = 2)
  record Deposited(Money amount) implements AccountEvent {}

  @TypeName("account.withdrawn")
  record Withdrawn(Money amount) implements AccountEvent {}

  @TypeName("account.closed")
  record Closed() implements AccountEvent {}
}
