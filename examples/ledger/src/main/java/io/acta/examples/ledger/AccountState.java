package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;

/**
 * An account as its events have made it.
 *
 * @param status whether it is not yet opened, open or closed
 * @param owner who owns it; {@code null} before it is opened
 * @param balance what it holds; {@code null} before it is opened
 */
@TypeName("account.state")
public record AccountState(Status status, String owner, Money balance) {

  /** The life of an account. */
  public enum Status {
    NEW,
    OPEN,
    CLOSED
  }

  public static final AccountState NEW = new AccountState(Status.NEW, null, null);

  public boolean isOpen() {
    return status == Status.OPEN;
  }
}
