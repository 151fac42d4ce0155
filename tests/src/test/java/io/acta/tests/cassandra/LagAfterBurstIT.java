package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.api.view.ProjectionStatus;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.CurrencyTotals;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import io.acta.testkit.ActaExtension;
import io.acta.tests.Eventually;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A view that has folded a burst reports itself caught up, on the real Cassandra server: its lag is
 * measured against the events of its slice in the look-back window behind its offset, and a burst
 * of more than can be checked one by one (20,000) in that window used to be counted as not
 * processed at all, so a caught-up view on an idle slice reported the whole burst behind, for good
 * (and its lag gauges, its lag log and a rebuild's switch-over with it). Found by the catch-up
 * bench, whose 1M events end in a burst of about 16,000 a second.
 */
class LagAfterBurstIT {
  private static final int ACCOUNTS = 200;
  private static final int DEPOSITS = 52;

  @RegisterExtension
  final ActaExtension acta =
      ActaExtension.with(Account.TYPE)
          .withCassandra(SharedCassandra.contactPoint(), "views_burst")
          .withConfig(
              // One slice, and a look-back of a minute: the whole burst (21,000 events: an opening
              // and 52 deposits, each with its key, per account) lies in the window behind the
              // view's last offset however slowly this machine writes it.
              "acta.entity-defaults.slices = 1,"
                  + " acta.persistence.cassandra.events-by-tag.max-delay = 60s,"
                  + " acta.entity-defaults.ask-timeout = 15s")
          .withExtension(() -> Projections.of(LedgerViews.TOTALS));

  @Test
  void aViewThatFoldedABurstReportsItselfCaughtUp(ActaNode node, Projections projections) {
    List<CompletableFuture<?>> accounts = new ArrayList<>();
    for (int a = 0; a < ACCOUNTS; a++) {
      var account = node.entity(Account.TYPE, "burst-" + a);
      CompletionStage<?> chain = account.ask(new Open("owner", "EUR"));
      for (int d = 0; d < DEPOSITS; d++) {
        String key = "d" + d;
        chain = chain.thenCompose(x -> account.ask(new Deposit(Money.of(1, "EUR"), key)));
      }
      accounts.add(chain.toCompletableFuture());
    }
    CompletableFuture.allOf(accounts.toArray(CompletableFuture[]::new)).join();

    BigInteger all = BigInteger.valueOf((long) ACCOUNTS * DEPOSITS);
    Optional<CurrencyTotals> totals =
        Eventually.await(
            Duration.ofSeconds(120),
            () -> projections.queries().get(LedgerViews.TOTALS, "EUR").toCompletableFuture().join(),
            r -> r.isPresent() && r.get().deposited().equals(all));
    assertThat(totals).isPresent();

    // Fails with the last status seen when a slice still reports events behind after a minute.
    Eventually.await(
        Duration.ofSeconds(60),
        () -> projections.operations().status(),
        s -> !s.isEmpty() && s.stream().allMatch(ProjectionStatus::caughtUp));
  }
}
