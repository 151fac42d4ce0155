package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.acta.api.view.ViewQueries;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A row that thousands of entities fold into keeps bookkeeping bounded by its writers (the slices),
 * not by the entities: the {@code EUR} totals on the real Cassandra server. Every entity's first
 * event reaches it too, though under this load events-by-tag passes over many of them.
 */
class SharedRowBookkeepingIT {
  private static final int ACCOUNTS = 3000;

  @RegisterExtension
  final ActaExtension acta =
      ActaExtension.with(Account.TYPE)
          .withCassandra(SharedCassandra.contactPoint(), "views_bounded")
          // Thousands of first commands on a busy 2-core machine: room for a slow one.
          .withConfig(
              "acta.entity-defaults.ask-timeout = 15s,"
                  // Groups far smaller than the number of accounts: marks bounded by the group,
                  // not by the entities, are then told apart from one mark per account.
                  + " acta.projections.view-group.max-events = 100")
          .withExtension(() -> Projections.of(LedgerViews.TOTALS));

  @Test
  void aRowThousandsOfEntitiesFoldIntoHoldsOneEntryPerSlice(
      ActaNode node, Projections projections) {
    for (int from = 0; from < ACCOUNTS; from += 100) {
      List<CompletableFuture<?>> batch = new ArrayList<>();
      for (int a = from; a < from + 100; a++) {
        var account = node.entity(Account.TYPE, "b-" + a);
        batch.add(
            account
                .ask(new Open("owner", "EUR"))
                .thenCompose(d -> account.ask(new Deposit(Money.of(1, "EUR"), "d")))
                .toCompletableFuture());
      }
      CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
    }
    ViewQueries views = projections.queries();
    CurrencyTotals totals =
        Eventually.await(
                Duration.ofSeconds(120),
                () -> views.get(LedgerViews.TOTALS, "EUR").toCompletableFuture().join(),
                r ->
                    r.isPresent()
                        && r.get().accountsOpened() == ACCOUNTS
                        && r.get().deposited().equals(BigInteger.valueOf(ACCOUNTS)))
            .orElseThrow();
    assertThat(totals.balance()).isEqualTo(BigInteger.valueOf(ACCOUNTS));

    int slices = 4; // the default of an entity type
    int maxGroup = 100; // view-group.max-events above
    try (CqlSession cql = SharedCassandra.session()) {
      List<Row> entries =
          cql.execute(
                  "SELECT entry, applied, carried FROM views_bounded.view_rows"
                      + " WHERE view_name = 'currency-totals@1' AND row_key = 'EUR'")
              .all();
      assertThat(entries)
          .as("the row and one entry per writing slice")
          .hasSizeBetween(2, 1 + slices);
      int marks =
          entries.stream()
              .mapToInt(
                  r ->
                      r.getMap("applied", String.class, Long.class).size()
                          + r.getMap("carried", String.class, Long.class).size())
              .sum();
      assertThat(marks)
          .as("marks of the latest group per slice")
          .isLessThanOrEqualTo(slices * maxGroup);
      System.out.println(
          "EUR totals over "
              + ACCOUNTS
              + " accounts: "
              + entries.size()
              + " entries, "
              + marks
              + " marks");
    }
  }
}
