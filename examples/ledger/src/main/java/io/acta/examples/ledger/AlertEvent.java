package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;

/** What has happened to an account's alerts. */
public sealed interface AlertEvent {

  /** A withdrawal of {@code amount}, at {@code withdrawalSequenceNr} of the account's journal. */
  @TypeName("alert.raised")
  record Raised(Money amount, long withdrawalSequenceNr) implements AlertEvent {}
}
