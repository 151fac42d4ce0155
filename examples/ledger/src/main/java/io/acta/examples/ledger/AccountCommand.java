package io.acta.examples.ledger;

import io.acta.api.entity.Done;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;

/** What can be asked of an account. Each command declares its reply type. */
public sealed interface AccountCommand<R> extends ReplyType<R> {

  /** Opens the account for {@code owner}, holding {@code currency}. */
  @TypeName("account.open")
  record Open(String owner, String currency) implements AccountCommand<Done> {}

  /** Puts money in; replies with the new balance. */
  @TypeName("account.deposit")
  record Deposit(Money amount, String idempotencyKey)
      implements AccountCommand<Money>, Idempotent {}

  /** Takes money out; rejected when the balance does not cover it. Replies with the new balance. */
  @TypeName("account.withdraw")
  record Withdraw(Money amount, String idempotencyKey)
      implements AccountCommand<Money>, Idempotent {}

  /** Closes the account; rejected while the balance is not zero. */
  @TypeName("account.close")
  record Close() implements AccountCommand<Done> {}

  /** Reads the account. */
  @TypeName("account.get")
  record Get() implements AccountCommand<AccountState> {}
}
