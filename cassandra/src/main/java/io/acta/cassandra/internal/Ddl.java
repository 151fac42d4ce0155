package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Schema statements against a session: the one place DDL is run and tables are looked for. */
final class Ddl {
  private static final Logger log = LoggerFactory.getLogger(Ddl.class);

  /** Schema changes wait for every node to agree, far longer than a query. */
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Ddl() {}

  /**
   * Runs {@code statements} in order, each idempotent ({@code IF NOT EXISTS}), and after each waits
   * until every Cassandra node has the change: a table is created in a keyspace only once every
   * node knows the keyspace. The wait is the driver's ({@code
   * advanced.control-connection.schema-agreement.*}); a session built by {@link
   * CassandraStartup#connectForSchema} does not wait by itself, having no schema metadata.
   */
  static void execute(CqlSession session, String what, List<String> statements) {
    long started = System.nanoTime();
    for (String cql : statements) {
      session.execute(SimpleStatement.newInstance(cql).setTimeout(TIMEOUT));
      if (!session.checkSchemaAgreement()) {
        throw new IllegalStateException(
            "The Cassandra nodes did not agree on the schema after: "
                + cql
                + ". Check that every node is up, then run the schema step again (it is"
                + " idempotent).");
      }
    }
    log.info(
        "Cassandra schema of {} ready ({} statements) in {} ms",
        what,
        statements.size(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /**
   * Fails naming the tables of {@code required} that {@code keyspace} lacks, and how to create
   * them.
   */
  static void requireTables(
      CqlSession session, String keyspace, Set<String> required, String what) {
    Set<String> present = new HashSet<>();
    session
        .execute(
            SimpleStatement.newInstance(
                "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace))
        .forEach(row -> present.add(row.getString("table_name")));
    Set<String> missing = new HashSet<>(required);
    missing.removeAll(present);
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Cassandra keyspace '"
              + keyspace
              + "' lacks the tables "
              + missing
              + " ("
              + what
              + "). Create the schema first: run io.acta.cassandra.CassandraSchema create (or, in"
              + " dev mode only, set acta.persistence.cassandra.create-schema = on).");
    }
  }
}
