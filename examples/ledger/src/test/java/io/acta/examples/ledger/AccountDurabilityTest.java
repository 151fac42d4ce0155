package io.acta.examples.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.CommandRejectedException;
import io.acta.api.entity.PersistenceId;
import io.acta.api.entity.Rejection;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.AccountCommand.Withdraw;
import io.acta.runtime.EntityRef;
import io.acta.testkit.ActaExtension;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What accounts keep across passivation, recovery and restarts: balances, idempotency keys, and the
 * same state whether recovered from a snapshot or from every event.
 */
class AccountDurabilityTest {

  @RegisterExtension
  final ActaExtension acta =
      ActaExtension.with(Account.TYPE)
          .withConfig(
              "acta.entity-types.account { passivate-after-idle = 300ms, snapshot-every = 5,"
                  + " keep-snapshots = 1 }");

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static String pid(EntityRef<?> ref) {
    return PersistenceId.of(ref.entityType(), ref.entityId()).value();
  }

  @Test
  void aRepeatedIdempotencyKeyGetsTheOriginalReplyAndPersistsNothing(
      EntityRef<AccountCommand<?>> account) {
    await(account.ask(new Open("ada", "EUR")));
    Money first = await(account.ask(new Deposit(Money.of(100, "EUR"), "pay-1")));
    int stored = acta.store().eventCount(pid(account));

    Money repeat = await(account.ask(new Deposit(Money.of(100, "EUR"), "pay-1")));

    assertThat(repeat).isEqualTo(first).isEqualTo(Money.of(100, "EUR"));
    assertThat(acta.store().eventCount(pid(account))).isEqualTo(stored);
    assertThat(await(account.ask(new Get())).balance()).isEqualTo(Money.of(100, "EUR"));
  }

  @Test
  void aKeyReusedForAnotherCommandIsRefused(EntityRef<AccountCommand<?>> account) {
    await(account.ask(new Open("ada", "EUR")));
    await(account.ask(new Deposit(Money.of(100, "EUR"), "pay-1")));

    assertThatThrownBy(() -> await(account.ask(new Deposit(Money.of(999, "EUR"), "pay-1"))))
        .cause()
        .isInstanceOf(CommandRejectedException.class)
        .satisfies(
            e ->
                assertThat(((CommandRejectedException) e).rejection())
                    .isEqualTo(
                        Rejection.invalid(
                            "idempotency key 'pay-1' was already used for a different command")));
  }

  @Test
  void aRejectedCommandIsNotRememberedSoACorrectedRetryMayReuseItsKey(
      EntityRef<AccountCommand<?>> account) {
    await(account.ask(new Open("ada", "EUR")));
    assertThatThrownBy(() -> await(account.ask(new Withdraw(Money.of(50, "EUR"), "w-1"))))
        .cause()
        .isInstanceOf(CommandRejectedException.class);
    await(account.ask(new Deposit(Money.of(100, "EUR"), "d-1")));

    assertThat(await(account.ask(new Withdraw(Money.of(50, "EUR"), "w-1"))))
        .isEqualTo(Money.of(50, "EUR"));
  }

  @Test
  void idempotencyHoldsAfterPassivationAndRecovery(EntityRef<AccountCommand<?>> account) {
    await(account.ask(new Open("ada", "EUR")));
    await(account.ask(new Deposit(Money.of(100, "EUR"), "pay-1")));
    int stored = acta.store().eventCount(pid(account));

    acta.awaitPassivated(account, Duration.ofSeconds(10));

    assertThat(await(account.ask(new Deposit(Money.of(100, "EUR"), "pay-1"))))
        .isEqualTo(Money.of(100, "EUR"));
    assertThat(acta.store().eventCount(pid(account))).isEqualTo(stored);
    assertThat(await(account.ask(new Get())).balance()).isEqualTo(Money.of(100, "EUR"));
  }

  @Test
  void balancesAndIdempotencyKeysSurviveARestart(EntityRef<AccountCommand<?>> before) {
    await(before.ask(new Open("ada", "EUR")));
    await(before.ask(new Deposit(Money.of(700, "EUR"), "pay-1")));
    await(before.ask(new Withdraw(Money.of(200, "EUR"), "pay-2")));
    int stored = acta.store().eventCount(pid(before));

    acta.restart();
    EntityRef<AccountCommand<?>> after = acta.entity(Account.TYPE, before.entityId());

    assertThat(await(after.ask(new Get())).balance()).isEqualTo(Money.of(500, "EUR"));
    assertThat(await(after.ask(new Withdraw(Money.of(200, "EUR"), "pay-2"))))
        .isEqualTo(Money.of(500, "EUR"));
    assertThat(acta.store().eventCount(pid(before))).isEqualTo(stored);
  }

  @Test
  void recoveryFromASnapshotGivesTheSameStateAsReplayingEveryEvent(
      EntityRef<AccountCommand<?>> account) {
    await(account.ask(new Open("ada", "EUR")));
    for (int i = 1; i <= 12; i++) {
      String key = i % 3 == 0 ? "k-" + i : null; // a mix of plain and idempotent commands
      await(account.ask(new Deposit(Money.of(i * 10L, "EUR"), key)));
    }
    await(account.ask(new Withdraw(Money.of(55, "EUR"), "w")));
    AccountState live = await(account.ask(new Get()));
    assertThat(acta.store().snapshotCount(pid(account))).isEqualTo(1);

    acta.restart();
    AccountState fromSnapshot = await(acta.entity(Account.TYPE, account.entityId()).ask(new Get()));
    acta.store().dropSnapshots();
    acta.restart();
    var replayed = acta.entity(Account.TYPE, account.entityId());
    AccountState fromEvents = await(replayed.ask(new Get()));

    assertThat(fromSnapshot).isEqualTo(live);
    assertThat(fromEvents).isEqualTo(live);
    assertThat(live.balance()).isEqualTo(Money.of(780 - 55, "EUR"));
    // The idempotency keys come back from either path too.
    assertThat(await(replayed.ask(new Withdraw(Money.of(55, "EUR"), "w"))))
        .isEqualTo(Money.of(725, "EUR"));
  }
}
