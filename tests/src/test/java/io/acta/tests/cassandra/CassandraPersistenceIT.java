package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.AccountEvent;
import io.acta.examples.ledger.AccountState;
import io.acta.examples.ledger.Money;
import io.acta.runtime.EntityRef;
import io.acta.runtime.spi.Slices;
import io.acta.testkit.ActaExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.NoOffset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Accounts on the real Cassandra server: stored, recovered after restarts, snapshotted, readable by
 * tag.
 */
class CassandraPersistenceIT {

  @RegisterExtension
  final ActaExtension acta =
      ActaExtension.with(Account.TYPE)
          .withCassandra(SharedCassandra.contactPoint())
          .withConfig("acta.entity-types.account { snapshot-every = 5, keep-snapshots = 1 }");

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

  private static long rows(String cqlQuery, String persistenceId) {
    return cql.execute(SimpleStatement.newInstance(cqlQuery, persistenceId)).all().size();
  }

  @Test
  void eventsSurviveARestartOfTheActorSystem(EntityRef<AccountCommand<?>> before) {
    await(before.ask(new Open("ada", "EUR")));
    await(before.ask(new Deposit(Money.of(300, "EUR"), "d1")));
    await(before.ask(new Deposit(Money.of(200, "EUR"), null)));

    acta.restart();
    var after = acta.entity(Account.TYPE, before.entityId());

    assertThat(await(after.ask(new Get())).balance()).isEqualTo(Money.of(500, "EUR"));
    assertThat(await(after.ask(new Deposit(Money.of(300, "EUR"), "d1"))))
        .as("idempotent after restart")
        .isEqualTo(Money.of(300, "EUR"));
    assertThat(
            rows(
                "SELECT sequence_nr FROM acta.messages WHERE persistence_id = ? AND partition_nr ="
                    + " 0",
                "account|" + before.entityId()))
        .isEqualTo(4); // opened, deposited + its key record, deposited
  }

  @Test
  void snapshotsAreWrittenAndRecoveryFromThemEqualsFullReplay(
      EntityRef<AccountCommand<?>> account) {
    String pid = "account|" + account.entityId();
    await(account.ask(new Open("ada", "EUR")));
    for (int i = 1; i <= 11; i++)
      await(account.ask(new Deposit(Money.of(i, "EUR"), i % 4 == 0 ? "k" + i : null)));
    AccountState live = await(account.ask(new Get()));
    assertThat(
            rows("SELECT sequence_nr FROM acta_snapshot.snapshots WHERE persistence_id = ?", pid))
        .isEqualTo(1);

    acta.restart();
    AccountState fromSnapshot = await(acta.entity(Account.TYPE, account.entityId()).ask(new Get()));
    cql.execute(
        SimpleStatement.newInstance(
            "DELETE FROM acta_snapshot.snapshots WHERE persistence_id = ?", pid));
    acta.restart();
    AccountState fromEvents = await(acta.entity(Account.TYPE, account.entityId()).ask(new Get()));

    assertThat(fromSnapshot).isEqualTo(live);
    assertThat(fromEvents).isEqualTo(live);
    assertThat(live.balance()).isEqualTo(Money.of(66, "EUR"));
  }

  @Test
  void eventsAreReadableByTheirSlicesTag(EntityRef<AccountCommand<?>> account) throws Exception {
    await(account.ask(new Open("ada", "EUR")));
    await(account.ask(new Deposit(Money.of(10, "EUR"), "tagged")));
    String tag = Slices.tag("account", account.entityId(), 4);
    var journal =
        PersistenceQuery.get(acta.node().actorSystem())
            .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());

    // Events-by-tag become visible after Cassandra's eventual-consistency delay: follow the live
    // stream until both events arrived, bounded.
    List<Object> events =
        journal
            .eventsByTag(tag, NoOffset.getInstance())
            .filter(e -> e.persistenceId().equals("account|" + account.entityId()))
            .map(e -> e.event())
            .take(2)
            .completionTimeout(Duration.ofSeconds(60))
            .runWith(Sink.seq(), acta.node().actorSystem())
            .toCompletableFuture()
            .get();
    assertThat(events)
        .containsExactly(
            new AccountEvent.Opened("ada", "EUR"), new AccountEvent.Deposited(Money.of(10, "EUR")));
  }
}
