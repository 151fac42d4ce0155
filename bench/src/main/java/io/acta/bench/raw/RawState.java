package io.acta.bench.raw;

import io.acta.examples.ledger.Money;

/**
 * An account of the hand-written Pekko reference; also its snapshot.
 *
 * @param open whether it was opened
 * @param owner who owns it
 * @param balance what it holds
 */
public record RawState(boolean open, String owner, Money balance) implements RawJson {
  static final RawState NEW = new RawState(false, null, null);
}
