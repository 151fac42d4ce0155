package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.RebuildResult;
import io.acta.api.view.ViewOperations;
import io.acta.api.view.ViewQueries;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountBalance;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.AccountHistory;
import io.acta.examples.ledger.AccountState;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import io.acta.runtime.internal.views.FaultInjection;
import io.acta.tests.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A view with a row per entity that starts without an offset (here, rebuilt into a new version)
 * reads its slices' entities from the journal, entity by entity, then events-by-tag from the moment
 * it began: on the real Cassandra server, with deposits going on while it reads and its projections
 * crashing at random, every row ends equal to its entity, each event applied once.
 */
class JournalFirstIT {
  private static final Duration CATCH_UP = Duration.ofSeconds(90);
  private static final Pattern READ =
      Pattern.compile("read (\\d+) entities, (\\d+) events, from the journal");

  private final Logger replayLog =
      (Logger) LoggerFactory.getLogger("io.acta.runtime.internal.views.JournalReplay");
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @AfterEach
  void noFaults() {
    FaultInjection.beforeViewWrite(null);
    replayLog.detachAppender(logged);
  }

  @Test
  void aRebuildReadingTheJournalWhileDepositsGoOnAndProjectionsCrashAppliesEveryEventOnce() {
    logged.start();
    replayLog.addAppender(logged);
    try (ActaNode node =
        CassandraNodes.ledger(
            "journal-first",
            "views_journal_first",
            Projections.of(LedgerViews.BALANCES, LedgerViews.HISTORY),
            // Small groups: the journal's events of a slice take many groups, so crashes land
            // while it is being read, and the projection restarts with nothing but its reading.
            "acta.projections { handler-retries = 0, restart-backoff { min = 50ms, max = 200ms },"
                + " version-check-interval = 500ms, rebuild-progress-interval = 200ms,"
                + " view-group.max-events = 40 }")) {
      Projections views = node.extension(Projections.class);
      ViewOperations operations = views.operations();
      int accounts = 30;
      for (int a = 0; a < accounts; a++) {
        var ref = node.entity(Account.TYPE, "j-" + a);
        ref.ask(new Open("owner", "EUR")).toCompletableFuture().join();
        for (int d = 1; d <= 10; d++)
          ref.ask(new Deposit(Money.of(d, "EUR"), "d" + d)).toCompletableFuture().join();
      }
      Eventually.await(
          CATCH_UP, operations::status, s -> s.stream().allMatch(ProjectionStatus::caughtUp));

      AtomicInteger crashes = new AtomicInteger();
      FaultInjection.beforeViewWrite(LedgerUnderCrashes.randomCrashes(crashes, "in a group"));
      CompletableFuture<RebuildResult> balances =
          operations.rebuild(LedgerViews.BALANCES).toCompletableFuture();
      CompletableFuture<RebuildResult> history =
          operations.rebuild(LedgerViews.HISTORY).toCompletableFuture();
      // Deposits while the new versions read the journal: some are read there, some only by tag,
      // some both ways (the look-back events-by-tag resumes with).
      for (int i = 0; i < 300; i++) {
        node.entity(Account.TYPE, "j-" + (i % accounts))
            .ask(new Deposit(Money.of(1, "EUR"), "during-" + i))
            .toCompletableFuture()
            .join();
      }
      balances.join();
      history.join();
      FaultInjection.beforeViewWrite(null);

      assertThat(crashes.get()).as("crashes injected").isPositive();
      List<Matcher> reads =
          logged.list.stream()
              .map(e -> READ.matcher(e.getFormattedMessage()))
              .filter(Matcher::find)
              .toList();
      assertThat(reads)
          .as("slices that read the journal before events-by-tag")
          .anyMatch(m -> Long.parseLong(m.group(1)) > 0 && Long.parseLong(m.group(2)) > 0);

      ViewQueries queries = views.queries();
      Eventually.await(
          CATCH_UP, operations::status, s -> s.stream().allMatch(ProjectionStatus::caughtUp));
      for (int a = 0; a < accounts; a++) {
        String id = "j-" + a;
        AccountState state =
            node.entity(Account.TYPE, id).ask(new Get()).toCompletableFuture().join();
        Optional<AccountBalance> balance =
            Eventually.await(
                CATCH_UP,
                () -> queries.get(LedgerViews.BALANCES, id).toCompletableFuture().join(),
                r -> r.isPresent() && r.get().balance().equals(state.balance()));
        assertThat(balance).isPresent();
        int depositsDuring = 300 / accounts;
        AccountHistory rows =
            Eventually.await(
                    CATCH_UP,
                    () -> queries.get(LedgerViews.HISTORY, id).toCompletableFuture().join(),
                    r -> r.isPresent() && r.get().balance().equals(state.balance()))
                .orElseThrow();
        assertThat(rows.total()).as("history of %s", id).isEqualTo(10 + depositsDuring);
      }
      System.out.println("crashes injected: " + crashes.get() + "; journal reads: " + reads.size());
    }
  }
}
