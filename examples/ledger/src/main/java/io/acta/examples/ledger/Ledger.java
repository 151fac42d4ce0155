package io.acta.examples.ledger;

import io.acta.api.security.Caller;
import java.util.Map;
import java.util.Set;

/** Who may act on whose money: the ledger's rules of ownership, as plain domain code. */
final class Ledger {
  /** The ledger acting itself: its transfers, its reactions, its own code. */
  static final Caller SERVICE = Caller.service("ledger");

  /** Tellers act for any customer. */
  static final String TELLER = "teller";

  private Ledger() {}

  /**
   * What a transfer keeps of the caller who started it, to act on her behalf later: who, and which
   * roles; no scope or other claim of her token.
   */
  static Caller onBehalfOf(Caller caller) {
    if (caller == null || caller.kind() != Caller.Kind.USER) return caller;
    return Caller.user(caller.name(), Set.of(), caller.roles(), Map.of());
  }

  /** Whether {@code caller} may act on the money of {@code owner}. */
  static boolean mayActFor(Caller caller, String owner) {
    // A command without a caller was sent by a node from before callers: the service's own code.
    if (caller == null) return true;
    return caller.isService() || caller.hasRole(TELLER) || (owner != null && caller.is(owner));
  }
}
