package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.api.entity.Done;
import io.acta.cassandra.CassandraSchema;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.LedgerViews;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import org.junit.jupiter.api.Test;

/** Production nodes never create schema; the explicit schema step does, idempotently. */
class SchemaStepIT {

  private static Config cassandra(String keyspace) {
    var cp = SharedCassandra.contactPoint();
    return ConfigFactory.parseString(
        """
        acta.persistence.store = cassandra
        acta.persistence.cassandra {
          contact-points = ["%s:%d"]
          keyspace = %s
          snapshot-keyspace = %s_snapshot
          create-schema = off
        }\
        """
            .formatted(cp.getHostString(), cp.getPort(), keyspace, keyspace));
  }

  @Test
  void aNodeRefusesToStartWithoutItsSchemaAndTheSchemaStepCreatesIt() {
    Config config = cassandra("schema_step");

    assertThatThrownBy(
            () -> ActaNode.builder("no-schema").entity(Account.TYPE).config(config).start())
        .hasMessageContaining("Cassandra keyspace 'schema_step' lacks the tables")
        .hasMessageContaining("io.acta.cassandra.CassandraSchema");

    CassandraSchema.create(config);
    CassandraSchema.create(config); // idempotent: a second run changes nothing and does not fail

    // One command makes every table: a node with views starts without creating any itself.
    try (ActaNode node =
        ActaNode.builder("with-schema")
            .entity(Account.TYPE)
            .config(config)
            .with(Projections.of(LedgerViews.BALANCES))
            .start()) {
      assertThat(
              node.entity(Account.TYPE, "s-1")
                  .ask(new Open("ada", "EUR"))
                  .toCompletableFuture()
                  .join())
          .isEqualTo(Done.DONE);
    }
  }

  @Test
  void theSchemaCanBePrintedForReview() {
    var statements = CassandraSchema.statements(cassandra("printed"));
    assertThat(statements)
        .anySatisfy(s -> assertThat(s).contains("CREATE KEYSPACE IF NOT EXISTS printed"));
    assertThat(statements)
        .anySatisfy(s -> assertThat(s).contains("CREATE TABLE IF NOT EXISTS printed.messages"));
    assertThat(statements).anySatisfy(s -> assertThat(s).contains("printed_snapshot.snapshots"));
    assertThat(statements)
        .anySatisfy(s -> assertThat(s).contains("CREATE TABLE IF NOT EXISTS printed.view_rows"));
  }
}
