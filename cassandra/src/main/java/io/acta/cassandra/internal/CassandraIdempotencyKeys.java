package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.acta.runtime.spi.IdempotencyKeys;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/**
 * The key index on Cassandra: one small row per key in {@code idempotency_keys} beside the journal,
 * written with a time to live of the key's window, through the journal's own session. Reads and
 * writes are {@code LOCAL_QUORUM}, so a key noted on one node is found by the node that takes the
 * entity over after a failover.
 */
final class CassandraIdempotencyKeys implements IdempotencyKeys {
  /** The table, in the journal's keyspace. */
  static final String TABLE = "idempotency_keys";

  private final CassandraSession session;
  private final Prepared find;
  private final Prepared note;

  CassandraIdempotencyKeys(ActorSystem<?> system) {
    // The journal's session (one connection pool for journal and keys), by its config path.
    this.session = CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra");
    String table =
        system.settings().config().getString("pekko.persistence.cassandra.journal.keyspace")
            + "."
            + TABLE;
    this.find =
        new Prepared(
            "SELECT sequence_nr FROM "
                + table
                + " WHERE persistence_id = ? AND idempotency_key = ?");
    this.note =
        new Prepared(
            "INSERT INTO "
                + table
                + " (persistence_id, idempotency_key, sequence_nr) VALUES (?, ?, ?) USING TTL ?");
  }

  /** The table's statement, for the schema step. */
  static String createTable(String keyspace) {
    // One partition per key: a point read, and nothing that grows with an entity's key count.
    // Rows only ever expire by their TTL, all with the same window, so time-window compaction
    // drops whole expired SSTables instead of compacting tombstones.
    return "CREATE TABLE IF NOT EXISTS "
        + keyspace
        + "."
        + TABLE
        + " (persistence_id text, idempotency_key text, sequence_nr bigint,"
        + " PRIMARY KEY ((persistence_id, idempotency_key)))"
        + " WITH compaction = {'class': 'TimeWindowCompactionStrategy',"
        + " 'compaction_window_unit': 'HOURS', 'compaction_window_size': 2}";
  }

  @Override
  public CompletionStage<OptionalLong> find(String persistenceId, String key) {
    return find.get()
        .thenCompose(
            p ->
                session.selectOne(
                    p.bind(persistenceId, key)
                        .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM)))
        .thenApply(
            row ->
                row.map(r -> OptionalLong.of(r.getLong("sequence_nr")))
                    .orElse(OptionalLong.empty()));
  }

  @Override
  public CompletionStage<Void> note(
      String persistenceId, String key, long sequenceNr, Duration timeToLive) {
    int ttl = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeToLive.toSeconds()));
    return note.get()
        .thenCompose(
            p ->
                session.executeWrite(
                    p.bind(persistenceId, key, sequenceNr, ttl)
                        .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM)))
        .thenApply(done -> null);
  }

  /**
   * A statement prepared on first use, and prepared again after a failure (Cassandra unreachable
   * when the first keyed command came), instead of failing every later command.
   */
  private final class Prepared {
    private final String cql;
    private volatile CompletionStage<PreparedStatement> statement;

    Prepared(String cql) {
      this.cql = cql;
    }

    CompletionStage<PreparedStatement> get() {
      CompletionStage<PreparedStatement> s = statement;
      if (s == null || s.toCompletableFuture().isCompletedExceptionally()) {
        s = session.prepare(cql);
        statement = s;
      }
      return s;
    }
  }
}
