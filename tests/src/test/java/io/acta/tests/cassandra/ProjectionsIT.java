package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.api.view.Page;
import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.ViewOperations;
import io.acta.api.view.ViewQueries;
import io.acta.api.view.ViewType;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountBalance;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.CurrencyTotals;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import io.acta.runtime.internal.views.FaultInjection;
import io.acta.testkit.ActaExtension;
import io.acta.tests.Eventually;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger's views on the real Cassandra server: fresh, listable, with lag reported. Exactly once
 * under crashes: {@link ProjectionCrashesIT}.
 */
class ProjectionsIT {
  private static final Duration CATCH_UP = Duration.ofSeconds(90);

  private static final AtomicInteger KEYSPACES = new AtomicInteger();

  /** A node per test, each in a keyspace of its own. */
  @RegisterExtension
  final ActaExtension acta =
      ActaExtension.with(Account.TYPE)
          .withCassandra(SharedCassandra.contactPoint(), "views_" + KEYSPACES.incrementAndGet())
          .withExtension(
              () -> Projections.of(LedgerViews.BALANCES, LedgerViews.HISTORY, LedgerViews.TOTALS));

  @AfterEach
  void noFaults() {
    FaultInjection.afterViewWrite(null);
    FaultInjection.beforeViewWrite(null);
    FaultInjection.beforeProgress(null);
  }

  private static <T> Optional<T> row(ViewQueries p, ViewType<T> view, String key) {
    return p.get(view, key).toCompletableFuture().join();
  }

  @Test
  void viewsShowACommandsEffectSoonAfterItsReply(ActaNode node, Projections projections) {
    ViewQueries views = projections.queries();
    ViewOperations operations = projections.operations();
    var account = node.entity(Account.TYPE, "fresh-1");
    account.ask(new Open("ada", "EUR")).toCompletableFuture().join();
    Eventually.await(
        CATCH_UP, () -> row(views, LedgerViews.BALANCES, "fresh-1"), Optional::isPresent);

    long[] lagMillis = new long[10];
    for (int i = 0; i < lagMillis.length; i++) {
      Money balance =
          account.ask(new Deposit(Money.of(10, "EUR"), "d" + i)).toCompletableFuture().join();
      long acked = System.nanoTime();
      Eventually.await(
          CATCH_UP,
          () -> row(views, LedgerViews.BALANCES, "fresh-1"),
          r -> r.isPresent() && r.get().balance().equals(balance));
      lagMillis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acked);
    }
    System.out.println("reply-to-view latency (ms), light load: " + Arrays.toString(lagMillis));
  }

  /**
   * Read-your-writes is answered once the rows are stored: a waiter does not wait for the view's
   * progress bookkeeping, written after them. Here that bookkeeping fails every time (a fault
   * before it), so the view never records the deposit's progress; the totals row, which many
   * accounts fold into and which keeps no per-account progress of its own, still answers the
   * deposit's position.
   */
  @Test
  void readYourWritesIsAnsweredOnceTheRowsAreStoredNotAfterTheirProgress(
      ActaNode node, Projections projections) {
    ViewQueries views = projections.queries();
    var account = node.entity(Account.TYPE, "ryw-1");
    account.ask(new Open("ada", "EUR")).toCompletableFuture().join();
    Eventually.await(CATCH_UP, () -> row(views, LedgerViews.TOTALS, "EUR"), Optional::isPresent);
    FaultInjection.beforeProgress(
        () -> {
          throw new IllegalStateException("injected: progress not written");
        });

    var deposited =
        account
            .askWithPosition(new Deposit(Money.of(10, "EUR"), "ryw"))
            .toCompletableFuture()
            .join();
    CurrencyTotals totals =
        views
            .get(LedgerViews.TOTALS, "EUR", deposited.position(), Duration.ofSeconds(20))
            .toCompletableFuture()
            .join()
            .orElseThrow();

    assertThat(totals.balance()).isEqualTo(BigInteger.valueOf(deposited.reply().minorUnits()));
  }

  @Test
  void rowsCanBePagedAndListedByAnIndexedField(ActaNode node, Projections projections) {
    ViewQueries views = projections.queries();
    ViewOperations operations = projections.operations();
    for (int a = 0; a < 7; a++) {
      node.entity(Account.TYPE, "l-" + a)
          .ask(new Open(a < 3 ? "ada" : "bob", "EUR"))
          .toCompletableFuture()
          .join();
    }
    Eventually.await(
        CATCH_UP,
        () -> views.list(LedgerViews.BALANCES, null, 100).toCompletableFuture().join(),
        p -> p.rows().size() == 7);

    Page<AccountBalance> first =
        views.list(LedgerViews.BALANCES, null, 4).toCompletableFuture().join();
    Page<AccountBalance> second =
        views.list(LedgerViews.BALANCES, first.next(), 4).toCompletableFuture().join();
    assertThat(first.rows())
        .extracting(Page.Keyed::key)
        .containsExactly("l-0", "l-1", "l-2", "l-3");
    assertThat(second.rows()).extracting(Page.Keyed::key).containsExactly("l-4", "l-5", "l-6");
    assertThat(second.next()).isNull();

    var ada =
        views.listBy(LedgerViews.BALANCES, "owner", "ada", null, 10).toCompletableFuture().join();
    assertThat(ada.rows()).extracting(Page.Keyed::key).containsExactly("l-0", "l-1", "l-2");
  }

  @Test
  void lagIsReportedWhileAProjectionIsHeldAndFallsToZero(ActaNode node, Projections projections) {
    ViewQueries views = projections.queries();
    ViewOperations operations = projections.operations();
    var account = node.entity(Account.TYPE, "lag-1");
    account.ask(new Open("ada", "EUR")).toCompletableFuture().join();
    Eventually.await(
        CATCH_UP, operations::status, s -> s.stream().allMatch(ProjectionStatus::caughtUp));

    // Hold the projections before they write: every group fails unapplied, as with a store that
    // keeps failing, so the offsets stay and the events stay unprocessed. (Held after the write,
    // the rows would already record the events as processed, and lag would only show in the
    // moment before.)
    FaultInjection.beforeViewWrite(
        () -> {
          throw new IllegalStateException("held by the test");
        });
    for (int i = 0; i < 5; i++)
      account.ask(new Deposit(Money.of(1, "EUR"), "d" + i)).toCompletableFuture().join();
    List<ProjectionStatus> behind =
        Eventually.await(
            CATCH_UP,
            operations::status,
            s ->
                s.stream()
                    .anyMatch(
                        p -> p.eventsBehind() > 0 && p.timeBehind().compareTo(Duration.ZERO) > 0));
    System.out.println("while held: " + behind.stream().filter(p -> !p.caughtUp()).toList());

    FaultInjection.beforeViewWrite(null);
    Eventually.await(
        CATCH_UP, operations::status, s -> s.stream().allMatch(ProjectionStatus::caughtUp));
    assertThat(row(views, LedgerViews.BALANCES, "lag-1").orElseThrow().balance())
        .isEqualTo(Money.of(5, "EUR"));
  }
}
