package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Writes of rows with a single writer, of key listings and of progress (no condition, one partition
 * each) through a {@link GroupCommit} per replica set: while {@link #PARTIAL_IN_FLIGHT} requests to
 * the replicas of a row's partition are outstanding, its write waits, then goes with the others
 * that waited, as one unlogged batch of partitions those replicas hold (the driver routes it to one
 * of them); writes enough to fill a batch go at once, up to {@link #FULL_BYTES_IN_FLIGHT} bytes of
 * such batches. A write that finds few requests outstanding goes at once, alone, so batching adds
 * no latency under light load; under load it saves Cassandra and the driver a request per row. In
 * the service bench a deposit writes three such rows (its account's balance and history, its
 * progress in the totals), and the server's CPU per deposit followed the number of requests, not
 * the rows' size (BENCHMARKS.md, thirteenth step).
 *
 * <p>Each write stands alone as if sent alone: an unlogged batch is not atomic and needs not be,
 * every row carries its own write time. Batches stay under the server's warnings, so its log stays
 * quiet: {@link BatchLimits}, read from the server (a stock one: 10 partitions, 5 KiB). A row
 * larger than a batch may hold (an account's history, on a stock server) goes alone, at once: it
 * cannot share a batch, so making it wait would only delay it.
 */
final class RowWriteBatches {
  /**
   * Requests to one replica set outstanding before further writes wait to be batched: batching
   * starts as soon as the store is not idle.
   */
  static final int PARTIAL_IN_FLIGHT = 4;

  /**
   * What full batches to one replica set may hold in flight together before even they wait: a
   * catch-up writes thousands of rows a group, all slices at once, and keeps this much busy; a
   * stock server's batches (about 3 KiB) go 64 at a time, as before batches were sized from the
   * server, and larger ones fewer ({@link #fullInFlight}). (With 8 requests for every write, rows
   * too large to share a batch went one a request through 8 slots, and a busy service's balances
   * freshness rose from ~30 to ~450 ms: BENCHMARKS.md, seventh step. With 64 batches of up to 38
   * KiB, a busy service's history rows, 13 KB each, filled a batch with three and went at once:
   * more requests, and a fifth fewer deposits/s with views than with 4: fourteenth step.)
   */
  static final int FULL_BYTES_IN_FLIGHT = 64 * 3 * 1024;

  /**
   * How many full batches of {@code batchBytes} may be in flight: at least {@link
   * #PARTIAL_IN_FLIGHT}.
   */
  static int fullInFlight(int batchBytes) {
    return Math.max(PARTIAL_IN_FLIGHT, FULL_BYTES_IN_FLIGHT / Math.max(1, batchBytes));
  }

  /**
   * Added to a write's values for its cells' keys, timestamps and framing on the server, when a
   * batch's size is counted against {@link BatchLimits#bytes()}.
   */
  static final int CELL_OVERHEAD = 256;

  private record RowWrite(BoundStatement statement, int bytes) {}

  private final CqlSession session;
  private final CqlIdentifier keyspace;
  private final GroupCommit<RowWrite> commits;

  RowWriteBatches(CqlSession session, String keyspace, BatchLimits limits) {
    this.session = session;
    this.keyspace = CqlIdentifier.fromInternal(keyspace);
    this.commits =
        new GroupCommit<>(
            w -> replicasOf(w.statement()),
            RowWrite::bytes,
            this::send,
            PARTIAL_IN_FLIGHT,
            fullInFlight(limits.bytes()),
            limits.partitions(),
            limits.bytes());
  }

  /**
   * Writes {@code statement} (a single-partition write without condition, whose values take about
   * {@code bytes}) alone or batched with others; completes once it is applied.
   */
  CompletionStage<Void> write(BoundStatement statement, int bytes) {
    return commits.write(new RowWrite(statement, bytes + CELL_OVERHEAD));
  }

  /** The replicas of the statement's partition; one set for all when the driver cannot tell. */
  private Object replicasOf(BoundStatement statement) {
    ByteBuffer routingKey = statement.getRoutingKey();
    Optional<TokenMap> tokens = session.getMetadata().getTokenMap();
    if (routingKey == null || tokens.isEmpty()) return "";
    return tokens.get().getReplicas(keyspace, routingKey);
  }

  private CompletionStage<?> send(List<RowWrite> writes) {
    Statement<?> statement = writes.get(0).statement();
    if (writes.size() > 1) {
      BatchStatementBuilder unlogged = BatchStatement.builder(BatchType.UNLOGGED);
      writes.forEach(w -> unlogged.addStatement(w.statement()));
      statement = unlogged.build();
    }
    return Quorum.exec(session, statement);
  }
}
