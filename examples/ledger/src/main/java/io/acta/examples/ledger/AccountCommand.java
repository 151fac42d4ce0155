package io.acta.examples.ledger;

import io.acta.api.entity.Done;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;
import io.acta.api.security.Caller;

/** What can be asked of an account. Each command declares its reply type. */
public sealed interface AccountCommand<R> extends ReplyType<R> {

  /**
   * Opens the account for {@code owner}, holding {@code currency}. Over HTTP {@code caller} is who
   * sent it: a customer opens accounts in her own name only.
   */
  @TypeName("account.open")
  record Open(String owner, String currency, Caller caller) implements AccountCommand<Done> {
    /** Opened by the service itself. */
    public Open(String owner, String currency) {
      this(owner, currency, Ledger.SERVICE);
    }
  }

  /** Puts money in; replies with the new balance. */
  @TypeName("account.deposit")
  record Deposit(Money amount, String idempotencyKey)
      implements AccountCommand<Money>, Idempotent {}

  /**
   * Takes money out; rejected when the balance does not cover it, forbidden unless {@code caller}
   * owns the account (or is a teller, or the service). Replies with the new balance.
   */
  @TypeName("account.withdraw")
  record Withdraw(Money amount, String idempotencyKey, Caller caller)
      implements AccountCommand<Money>, Idempotent {
    /** Sent by the service itself. */
    public Withdraw(Money amount, String idempotencyKey) {
      this(amount, idempotencyKey, Ledger.SERVICE);
    }
  }

  /** Closes the account; rejected while the balance is not zero. */
  @TypeName("account.close")
  record Close() implements AccountCommand<Done> {}

  /** Reads the account. */
  @TypeName("account.get")
  record Get() implements AccountCommand<AccountState> {}
}
