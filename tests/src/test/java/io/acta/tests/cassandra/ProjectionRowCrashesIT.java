package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import io.acta.runtime.internal.views.FaultInjection;
import io.acta.testkit.ActaExtension;
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
  @RegisterExtension final ActaExtension acta = LedgerUnderCrashes.extension("views_row_crash");

  @AfterEach
  void noFaults() {
    FaultInjection.beforeProgress(null);
  }

  @Test
  void everyViewEqualsTheFoldOfTheJournalAfterCrashesBetweenRowWritesAndProgress(
      ActaNode node, Projections projections) {
    // Fail the projection right after its rows are written, before its progress is, at random
    // points: it restarts from its stored offset and meets events only the rows know they have.
    AtomicInteger crashes = new AtomicInteger();
    FaultInjection.beforeProgress(LedgerUnderCrashes.randomCrashes(crashes, "after row writes"));
    LedgerUnderCrashes.viewsEqualTheJournal(node, projections);
    assertThat(crashes.get()).as("crashes injected").isGreaterThan(10);
    System.out.println("injected crashes: " + crashes.get());
  }
}
