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
 * The ledger's views on the real Cassandra server, exactly once under crashes of their projections.
 */
class ProjectionCrashesIT {
  @RegisterExtension final ActaExtension acta = LedgerUnderCrashes.extension("views_crash");

  @AfterEach
  void noFaults() {
    FaultInjection.afterViewWrite(null);
  }

  @Test
  void everyViewEqualsTheFoldOfTheJournalAfterCrashesBetweenViewWritesAndOffsetStores(
      ActaNode node, Projections projections) {
    // Fail the projection right after a view write, before its offset is stored, at random points:
    // it restarts from its stored offset and meets events whose effect the view already has.
    AtomicInteger crashes = new AtomicInteger();
    FaultInjection.afterViewWrite(LedgerUnderCrashes.randomCrashes(crashes, "after a view write"));
    LedgerUnderCrashes.viewsEqualTheJournal(node, projections);
    assertThat(crashes.get()).as("crashes injected").isGreaterThan(10);
    System.out.println("injected crashes: " + crashes.get());
  }
}
