package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.LedgerViews;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import io.acta.runtime.internal.views.FaultInjection;
import io.acta.testkit.ActaExtension;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger's views on the real Cassandra server, exactly once when their projections crash after
 * writing rows and before recording their entities' progress: only the rows' own bookkeeping (a row
 * per entity's sequence number, a shared row's writer marks) can then recognize what they applied.
 */
class ProjectionRowCrashesIT {
  /**
   * Offsets stored only every 7 events, and quick restarts: crashes meet events the views already
   * have.
   */
  @RegisterExtension
  final ActaExtension acta =
      ActaExtension.with(Account.TYPE)
          .withCassandra(SharedCassandra.contactPoint(), "views_row_crash")
          .withConfig(
              "acta.projections { handler-retries = 0, save-offset-after-events = 7,"
                  + " restart-backoff { min = 50ms, max = 200ms } }")
          .withExtension(
              () -> Projections.of(LedgerViews.BALANCES, LedgerViews.HISTORY, LedgerViews.TOTALS));

  @AfterEach
  void noFaults() {
    FaultInjection.beforeProgress(null);
  }

  @Test
  void everyViewEqualsTheFoldOfTheJournalAfterCrashesBetweenRowWritesAndProgress(
      ActaNode node, Projections projections) {
    // Fail the projection right after its rows are written, before its progress is, at random
    // points: it restarts from its stored offset and meets events only the rows know they have.
    Random random = new Random(42);
    AtomicInteger crashes = new AtomicInteger();
    FaultInjection.beforeProgress(
        () -> {
          if (crashes.get() < 40 && random.nextInt(5) == 0) {
            crashes.incrementAndGet();
            throw new IllegalStateException("injected crash after row writes");
          }
        });
    LedgerUnderCrashes.viewsEqualTheJournal(node, projections);
    assertThat(crashes.get()).as("crashes injected").isGreaterThan(10);
    System.out.println("injected crashes: " + crashes.get());
  }
}
