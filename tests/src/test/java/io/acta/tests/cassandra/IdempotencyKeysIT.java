package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.Money;
import io.acta.runtime.EntityRef;
import io.acta.testkit.ActaExtension;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idempotency keys on the real Cassandra server: every key of the window is recognised however many
 * came after it, across restarts, while the entity's memory and snapshots hold only a few; and a
 * key the index noted for a persist that never happened is not mistaken for a repeat.
 */
class IdempotencyKeysIT {

  @RegisterExtension
  final ActaExtension acta =
      ActaExtension.with(Account.TYPE)
          .withCassandra(SharedCassandra.contactPoint())
          .withConfig("acta.entity-types.account { snapshot-every = 100 }");

  private static CqlSession cql;

  @BeforeAll
  static void connect() {
    cql = SharedCassandra.session();
  }

  @AfterAll
  static void disconnect() {
    cql.close();
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static Money eur(long minorUnits) {
    return Money.of(minorUnits, "EUR");
  }

  @Test
  void aRetried1001stPaymentIsAppliedOnce(EntityRef<AccountCommand<?>> account) {
    String pid = "account|" + account.entityId();
    await(account.ask(new Open("ada", "EUR")));
    Money first = await(account.ask(new Deposit(eur(1), "k0")));
    for (int i = 1; i <= 1000; i++) await(account.ask(new Deposit(eur(1), "k" + i)));

    assertThat(await(account.ask(new Deposit(eur(1), "k0"))))
        .as("the retry gets the original reply")
        .isEqualTo(first);
    assertThat(await(account.ask(new Get())).balance()).isEqualTo(eur(1001));

    acta.restart();
    var after = acta.entity(Account.TYPE, account.entityId());
    assertThat(await(after.ask(new Deposit(eur(1), "k0")))).isEqualTo(first);
    assertThat(await(after.ask(new Deposit(eur(1), "k700")))).isEqualTo(eur(701));
    assertThat(await(after.ask(new Get())).balance()).isEqualTo(eur(1001));

    Row key =
        cql.execute(
                SimpleStatement.newInstance(
                    "SELECT sequence_nr, TTL(sequence_nr) AS ttl FROM acta.idempotency_keys"
                        + " WHERE persistence_id = ? AND idempotency_key = ?",
                    pid,
                    "k0"))
            .one();
    assertThat(key).as("k0 in the key index").isNotNull();
    assertThat(key.getLong("sequence_nr")).as("right after its deposit event").isEqualTo(3);
    assertThat(key.getInt("ttl")).as("expires with the 24 h window").isBetween(86_000, 86_400);
    long snapshotBytes =
        cql
            .execute(
                SimpleStatement.newInstance(
                    "SELECT snapshot_data FROM acta_snapshot.snapshots WHERE persistence_id = ?",
                    pid))
            .all()
            .stream()
            .mapToLong(r -> r.getByteBuffer("snapshot_data").remaining())
            .max()
            .orElseThrow();
    assertThat(snapshotBytes)
        .as("a snapshot holds the few cached keys, not a thousand")
        .isLessThan(16_000);
  }

  @Test
  void aNoteWhosePersistNeverHappenedIsNoRepeat(EntityRef<AccountCommand<?>> account) {
    String pid = "account|" + account.entityId();
    await(account.ask(new Open("ada", "EUR"))); // 1
    await(account.ask(new Deposit(eur(5), null))); // 2
    // Notes left by persists that failed after the index had noted their keys: one whose position
    // another event took since, one past the journal's end.
    note(pid, "ghost-taken", 2);
    note(pid, "ghost-beyond", 99);

    assertThat(await(account.ask(new Deposit(eur(10), "ghost-taken")))).isEqualTo(eur(15));
    assertThat(await(account.ask(new Deposit(eur(100), "ghost-beyond")))).isEqualTo(eur(115));
    assertThat(await(account.ask(new Deposit(eur(10), "ghost-taken"))))
        .as("now a real repeat")
        .isEqualTo(eur(15));
    assertThat(await(account.ask(new Get())).balance()).isEqualTo(eur(115));
  }

  private static void note(String pid, String key, long sequenceNr) {
    cql.execute(
        SimpleStatement.newInstance(
            "INSERT INTO acta.idempotency_keys (persistence_id, idempotency_key, sequence_nr)"
                + " VALUES (?, ?, ?) USING TTL 3600",
            pid,
            key,
            sequenceNr));
  }
}
