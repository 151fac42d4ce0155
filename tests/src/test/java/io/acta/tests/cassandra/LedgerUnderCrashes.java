package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.ViewOperations;
import io.acta.api.view.ViewQueries;
import io.acta.api.view.ViewType;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountBalance;
import io.acta.examples.ledger.AccountCommand.Close;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.AccountCommand.Withdraw;
import io.acta.examples.ledger.AccountHistory;
import io.acta.examples.ledger.AccountState;
import io.acta.examples.ledger.CurrencyTotals;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import io.acta.testkit.ActaExtension;
import io.acta.tests.Eventually;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Eight accounts in two currencies, deposits, withdrawals and a close, while a test's hook crashes
 * the projections: then every view must equal the fold of the journal, each event applied once, in
 * the rows per account and in the totals all accounts fold into.
 */
final class LedgerUnderCrashes {
  private static final Duration CATCH_UP = Duration.ofSeconds(90);

  private LedgerUnderCrashes() {}

  /**
   * The ledger's three views on the shared server in {@code keyspace}. Quick restarts: crashes meet
   * events the views already have.
   */
  static ActaExtension extension(String keyspace) {
    return ActaExtension.with(Account.TYPE)
        .withCassandra(SharedCassandra.contactPoint(), keyspace)
        .withConfig(
            "acta.projections { handler-retries = 0, restart-backoff { min = 50ms, max = 200ms } }")
        .withExtension(
            () -> Projections.of(LedgerViews.BALANCES, LedgerViews.HISTORY, LedgerViews.TOTALS));
  }

  /**
   * A hook that crashes about one call in five, at most 40 times in all, counting in {@code
   * crashes}; the same random sequence each run.
   */
  static Runnable randomCrashes(AtomicInteger crashes, String what) {
    Random random = new Random(42);
    return () -> {
      if (crashes.get() < 40 && random.nextInt(5) == 0) {
        crashes.incrementAndGet();
        throw new IllegalStateException("injected crash " + what);
      }
    };
  }

  private static <T> Optional<T> row(ViewQueries p, ViewType<T> view, String key) {
    return p.get(view, key).toCompletableFuture().join();
  }

  /** Runs the commands, then checks every view against the entities' own state. */
  static void viewsEqualTheJournal(ActaNode node, Projections projections) {
    ViewQueries views = projections.queries();
    ViewOperations operations = projections.operations();
    int accounts = 8;
    for (int a = 0; a < accounts; a++) {
      node.entity(Account.TYPE, "c-" + a)
          .ask(new Open("owner-" + (a % 3), a % 2 == 0 ? "EUR" : "USD"))
          .toCompletableFuture()
          .join();
    }
    for (int round = 0; round < 15; round++) {
      for (int a = 0; a < accounts; a++) {
        String currency = a % 2 == 0 ? "EUR" : "USD";
        var ref = node.entity(Account.TYPE, "c-" + a);
        ref.ask(new Deposit(Money.of(10 + round, currency), "d" + round))
            .toCompletableFuture()
            .join();
        if (round % 4 == 3)
          ref.ask(new Withdraw(Money.of(5, currency), "w" + round)).toCompletableFuture().join();
      }
    }
    node.entity(Account.TYPE, "c-7")
        .ask(
            new Withdraw(
                Money.of(
                    node.entity(Account.TYPE, "c-7")
                        .ask(new Get())
                        .toCompletableFuture()
                        .join()
                        .balance()
                        .minorUnits(),
                    "USD"),
                "empty"))
        .toCompletableFuture()
        .join();
    node.entity(Account.TYPE, "c-7").ask(new Close()).toCompletableFuture().join();

    Eventually.await(
        CATCH_UP, operations::status, s -> s.stream().allMatch(ProjectionStatus::caughtUp));
    long eur = 0;
    long usd = 0;
    for (int a = 0; a < accounts; a++) {
      AccountState state =
          node.entity(Account.TYPE, "c-" + a).ask(new Get()).toCompletableFuture().join();
      String id = "c-" + a;
      AccountBalance balance =
          Eventually.await(
                  CATCH_UP,
                  () -> row(views, LedgerViews.BALANCES, id),
                  r ->
                      r.isPresent()
                          && r.get().balance().equals(state.balance())
                          && r.get().status() == state.status())
              .get();
      assertThat(balance.owner()).isEqualTo(state.owner());
      AccountHistory history = row(views, LedgerViews.HISTORY, id).orElseThrow();
      assertThat(history.balance()).isEqualTo(state.balance());
      assertThat(history.total()).isEqualTo(15 + 3 + (a == 7 ? 1 : 0));
      if (a % 2 == 0) eur += state.balance().minorUnits();
      else usd += state.balance().minorUnits();
    }
    long eurTotal = eur;
    long usdTotal = usd;
    CurrencyTotals eurRow =
        Eventually.await(
                CATCH_UP,
                () -> row(views, LedgerViews.TOTALS, "EUR"),
                r -> r.isPresent() && r.get().balance().longValueExact() == eurTotal)
            .get();
    CurrencyTotals usdRow =
        Eventually.await(
                CATCH_UP,
                () -> row(views, LedgerViews.TOTALS, "USD"),
                r -> r.isPresent() && r.get().balance().longValueExact() == usdTotal)
            .get();
    assertThat(eurRow.accountsOpened()).isEqualTo(4);
    assertThat(usdRow.accountsOpened()).isEqualTo(4);
    assertThat(eurRow.deposited().subtract(eurRow.withdrawn()).longValueExact())
        .isEqualTo(eurTotal);
  }
}
