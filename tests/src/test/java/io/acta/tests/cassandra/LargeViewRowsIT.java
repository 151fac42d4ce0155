package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.acta.api.view.ViewQueries;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountBalance;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.AccountHistory;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import io.acta.testkit.ActaExtension;
import io.acta.tests.Eventually;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A view row larger than 1 KiB (an account's history of 120 deposits, its last 100 movements) is
 * stored compressed on the real Cassandra server and reads back whole; a small row (its balance)
 * stays plain JSON.
 */
class LargeViewRowsIT {
  private static final int DEPOSITS = 120;

  @RegisterExtension
  final ActaExtension acta =
      ActaExtension.with(Account.TYPE)
          .withCassandra(SharedCassandra.contactPoint(), "large_view_rows")
          .withExtension(() -> Projections.of(LedgerViews.BALANCES, LedgerViews.HISTORY));

  @Test
  void aLargeRowIsStoredCompressedAndReadsBackWhole(ActaNode node, Projections projections) {
    var account = node.entity(Account.TYPE, "large-1");
    account.ask(new Open("ann", "EUR")).toCompletableFuture().join();
    for (int i = 1; i <= DEPOSITS; i++) {
      account.ask(new Deposit(Money.of(i, "EUR"), "d-" + i)).toCompletableFuture().join();
    }

    ViewQueries views = projections.queries();
    AccountHistory history =
        Eventually.await(
                Duration.ofSeconds(60),
                () -> views.get(LedgerViews.HISTORY, "large-1").toCompletableFuture().join(),
                r -> r.isPresent() && r.get().total() == DEPOSITS)
            .orElseThrow();
    assertThat(history.movements()).hasSize(AccountHistory.KEEP);
    assertThat(history.movements().getFirst().amount()).isEqualTo(Money.of(21, "EUR"));
    assertThat(history.movements().getLast().amount()).isEqualTo(Money.of(DEPOSITS, "EUR"));
    long deposited = (long) DEPOSITS * (DEPOSITS + 1) / 2;
    assertThat(history.balance()).isEqualTo(Money.of(deposited, "EUR"));
    AccountBalance balance =
        views.get(LedgerViews.BALANCES, "large-1").toCompletableFuture().join().orElseThrow();
    assertThat(balance.balance()).isEqualTo(Money.of(deposited, "EUR"));

    try (CqlSession cql = SharedCassandra.session()) {
      ByteBuffer large = storedRow(cql, "history@1");
      assertThat(large.get(large.position()))
          .as("the compressed form's first byte")
          .isEqualTo((byte) 0xFF);
      assertThat(large.remaining()).as("bytes stored for about 17 KB of JSON").isLessThan(5_000);
      ByteBuffer small = storedRow(cql, "balances@1");
      assertThat(small.get(small.position())).as("a small row's JSON").isEqualTo((byte) '{');
    }
  }

  private static ByteBuffer storedRow(CqlSession cql, String view) {
    return cql
        .execute(
            "SELECT row FROM large_view_rows.view_rows WHERE view_name = ? AND row_key = ?",
            view,
            "large-1")
        .all()
        .stream()
        .map(r -> r.getByteBuffer("row"))
        .filter(b -> b != null)
        .findFirst()
        .orElseThrow();
  }
}
