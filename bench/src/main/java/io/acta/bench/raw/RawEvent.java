package io.acta.bench.raw;

import io.acta.examples.ledger.Money;

/** The account events of the hand-written Pekko reference: the same shapes as the ledger's. */
public sealed interface RawEvent extends RawJson {

  record Opened(String owner, String currency) implements RawEvent {}

  record Deposited(Money amount) implements RawEvent {}
}
