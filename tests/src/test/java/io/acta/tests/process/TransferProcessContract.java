package io.acta.tests.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.Money;
import io.acta.examples.ledger.Transfer;
import io.acta.examples.ledger.TransferCommand;
import io.acta.examples.ledger.TransferState;
import io.acta.examples.ledger.TransferState.Status;
import io.acta.runtime.EntityRef;
import io.acta.testkit.ActaExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The ledger's transfer process on a node: steps that ask accounts, compensation, a durable
 * approval timer, and a process that resumes by itself after the node restarts. Run on the
 * in-memory store here and on the real Cassandra by {@link TransferProcessIT}.
 */
abstract class TransferProcessContract {
  /** Above 1,000 minor units a transfer waits for approval, 2 s at most. */
  static final Duration APPROVAL = Duration.ofSeconds(2);

  static final io.acta.api.entity.EntityType<TransferCommand<?>, ?, TransferState> TRANSFER =
      Transfer.type(1_000, APPROVAL, Clock.systemUTC());

  /** The node the tests run on. */
  abstract ActaExtension acta();

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static Money eur(long minorUnits) {
    return Money.of(minorUnits, "EUR");
  }

  private EntityRef<AccountCommand<?>> account(String currency, long balance) {
    var ref = acta().entity(Account.TYPE, "acc-" + UUID.randomUUID());
    await(ref.ask(new AccountCommand.Open("o", currency)));
    if (balance > 0) await(ref.ask(new AccountCommand.Deposit(Money.of(balance, currency), null)));
    return ref;
  }

  private long balance(EntityRef<AccountCommand<?>> account) {
    return await(account.ask(new AccountCommand.Get())).balance().minorUnits();
  }

  private EntityRef<TransferCommand<?>> start(
      EntityRef<AccountCommand<?>> from, EntityRef<AccountCommand<?>> to, long amount) {
    var transfer = acta().entity(TRANSFER, "t-" + UUID.randomUUID());
    await(
        transfer.ask(
            new TransferCommand.Start(from.entityId(), to.entityId(), eur(amount), "start")));
    return transfer;
  }

  /** The transfer once it has reached {@code status}, or a failure after 20 s. */
  private TransferState awaitStatus(EntityRef<TransferCommand<?>> transfer, Status status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      TransferState state =
          await(acta().entity(TRANSFER, transfer.entityId()).ask(new TransferCommand.Get()));
      if (state.status() == status) return state;
      if (System.nanoTime() > deadline)
        throw new AssertionError("transfer is " + state + ", not " + status + " within 20 s");
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  @Test
  void movesMoneyFromOneAccountToAnother() {
    var a = account("EUR", 500);
    var b = account("EUR", 0);

    awaitStatus(start(a, b, 300), Status.COMPLETED);

    assertThat(balance(a)).isEqualTo(200);
    assertThat(balance(b)).isEqualTo(300);
  }

  @Test
  void failsWithNothingMovedWhenTheSourceCannotPay() {
    var a = account("EUR", 100);
    var b = account("EUR", 0);

    TransferState failed = awaitStatus(start(a, b, 300), Status.FAILED);

    assertThat(failed.reason()).isEqualTo("insufficient funds");
    assertThat(balance(a)).isEqualTo(100);
    assertThat(balance(b)).isZero();
  }

  @Test
  void refundsTheSourceWhenTheTargetRefusesTheDeposit() {
    var a = account("EUR", 500);
    var dollars = account("USD", 0);

    TransferState refunded = awaitStatus(start(a, dollars, 300), Status.REFUNDED);

    assertThat(refunded.reason()).contains("does not match");
    assertThat(balance(a)).isEqualTo(500);
    assertThat(balance(dollars)).isZero();
  }

  @Test
  void aLargeTransferWaitsForItsApproval() {
    var a = account("EUR", 5_000);
    var b = account("EUR", 0);
    var transfer = start(a, b, 2_000);
    awaitStatus(transfer, Status.AWAITING_APPROVAL);
    assertThat(balance(a)).as("withdrawn while it waits").isEqualTo(3_000);

    await(transfer.ask(new TransferCommand.Approve()));

    awaitStatus(transfer, Status.COMPLETED);
    assertThat(balance(b)).isEqualTo(2_000);
  }

  @Test
  void anUnapprovedTransferExpiresAndIsRefundedAlsoAcrossARestart() {
    var a = account("EUR", 5_000);
    var b = account("EUR", 0);
    var transfer = start(a, b, 2_000);
    awaitStatus(transfer, Status.AWAITING_APPROVAL);

    // The node goes away with the timer pending; nothing is sent to the transfer afterwards: the
    // new node starts it again by itself, and its timer fires there.
    acta().restart();
    var a2 = acta().entity(Account.TYPE, a.entityId());
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (balance(a2) != 5_000) {
      if (System.nanoTime() > deadline) throw new AssertionError("no refund within 20 s");
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    TransferState expired = awaitStatus(transfer, Status.REFUNDED);
    assertThat(expired.reason()).isEqualTo("not approved in time");
    assertThat(balance(acta().entity(Account.TYPE, b.entityId()))).isZero();
  }
}
