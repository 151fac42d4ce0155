package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.examples.ledger.AccountState;
import io.acta.examples.ledger.Money;
import io.acta.runtime.internal.serialization.ActaSerializer;
import io.acta.testkit.ActaExtension;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The committed journal of an old ledger release, in Cassandra's own table, replays with today's
 * code.
 */
class LedgerJournalFixtureIT {

  @RegisterExtension
  final ActaExtension acta =
      ActaExtension.with(Account.TYPE).withCassandra(SharedCassandra.contactPoint());

  @Test
  void anOldJournalInCassandraReplaysToTheSameBalance() throws Exception {
    // The same fixture as the ledger's own unit test, read where that module keeps it.
    JsonNode fixture =
        new ObjectMapper()
            .readTree(
                Path.of("../examples/ledger/src/test/resources/fixtures/account-journal-v1.json")
                    .toFile());
    String pid = fixture.get("persistenceId").asText().replace("legacy-1", "legacy-it");
    try (CqlSession cql = SharedCassandra.session()) {
      for (JsonNode e : fixture.get("events")) {
        cql.execute(
            SimpleStatement.newInstance(
                """
                INSERT INTO acta.messages (persistence_id, partition_nr, sequence_nr, timestamp, timebucket,
                  writer_uuid, ser_id, ser_manifest, event_manifest, event)
                VALUES (?, 0, ?, now(), '20261101', 'release-0.0', ?, ?, '', ?)\
                """,
                pid,
                e.get("sequenceNr").asLong(),
                ActaSerializer.IDENTIFIER,
                e.get("manifest").asText(),
                ByteBuffer.wrap(new ObjectMapper().writeValueAsBytes(e.get("payload")))));
      }
    }
    Money expected = new ObjectMapper().treeToValue(fixture.get("expectedBalance"), Money.class);

    AccountState state =
        acta.entity(Account.TYPE, "legacy-it").ask(new Get()).toCompletableFuture().join();

    assertThat(state.owner()).isEqualTo("grace");
    assertThat(state.balance()).isEqualTo(expected);
  }
}
