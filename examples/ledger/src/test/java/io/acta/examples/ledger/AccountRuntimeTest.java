package io.acta.examples.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.CommandRejectedException;
import io.acta.api.entity.Done;
import io.acta.api.entity.PersistenceId;
import io.acta.api.entity.Rejection;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.AccountCommand.Withdraw;
import io.acta.runtime.EntityRef;
import io.acta.testkit.ActaExtension;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accounts on a running one-node runtime, as a service embedding Acta uses them. */
class AccountRuntimeTest {

  /** Far longer than a rejection takes: a caller that waits this long was left hanging. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @RegisterExtension static final ActaExtension acta = ActaExtension.with(Account.TYPE);

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void aCustomerOpensDepositsAndWithdraws(EntityRef<AccountCommand<?>> account) {
    assertThat(await(account.ask(new Open("ada", "EUR")))).isEqualTo(Done.DONE);
    assertThat(await(account.ask(new Deposit(Money.of(500, "EUR"), "d1"))))
        .isEqualTo(Money.of(500, "EUR"));
    assertThat(await(account.ask(new Withdraw(Money.of(200, "EUR"), "w1"))))
        .isEqualTo(Money.of(300, "EUR"));
    assertThat(await(account.ask(new Get())).balance()).isEqualTo(Money.of(300, "EUR"));
  }

  @Test
  void aRejectionArrivesAsATypedFailure(EntityRef<AccountCommand<?>> account) {
    await(account.ask(new Open("ada", "EUR")));
    assertThatThrownBy(() -> await(account.ask(new Withdraw(Money.of(1, "EUR"), "w1"))))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(CommandRejectedException.class)
        .satisfies(
            e ->
                assertThat(((CommandRejectedException) e).rejection())
                    .isEqualTo(Rejection.conflict("insufficient funds")));
  }

  @Test
  void aDepositThatWouldOverflowIsRejectedAtOnceWithAndWithoutAKey(
      EntityRef<AccountCommand<?>> account) {
    Money most = Money.of(Long.MAX_VALUE, "EUR");
    await(account.ask(new Open("ada", "EUR")));
    await(account.ask(new Deposit(most, null)));

    for (String key : new String[] {null, "d2"}) {
      assertThatThrownBy(() -> await(account.ask(new Deposit(Money.of(1, "EUR"), key), PATIENCE)))
          .cause()
          .isInstanceOf(CommandRejectedException.class)
          .hasMessageContaining("over the most an account can hold");
    }
    assertThat(await(account.ask(new Get())).balance()).isEqualTo(most);
    assertThat(acta.store().eventCount(PersistenceId.of("account", account.entityId()).value()))
        .isEqualTo(2);
  }
}
