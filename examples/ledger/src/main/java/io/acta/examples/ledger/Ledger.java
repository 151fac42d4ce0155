package io.acta.examples.ledger;

import io.acta.api.security.Caller;

/** Who may act on whose money: the ledger's rules of ownership, as plain domain code. */
final class Ledger {
  /** The ledger acting itself: its transfers, its reactions, its own code. */
  static final Caller SERVICE = Caller.service("ledger");

  /** Tellers act for any customer. */
  static final String TELLER = "teller";

  private Ledger() {}

  /** Whether {@code caller} may act on the money of {@code owner}. */
  static boolean mayActFor(Caller caller, String owner) {
    // A command without a caller was sent by a node from before callers: the service's own code.
    if (caller == null) return true;
    return caller.isService() || caller.hasRole(TELLER) || (owner != null && caller.is(owner));
  }
}
