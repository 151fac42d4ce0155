package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.acta.runtime.spi.Codec;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Every read and write of view tables runs at LOCAL_QUORUM, so that on a three-replica keyspace a
 * listing, an index lookup or a read-your-writes check sees what an acknowledged write wrote.
 */
final class Quorum {
  private Quorum() {}

  static CompletionStage<AsyncResultSet> exec(CqlSession session, Statement<?> statement) {
    return session.executeAsync(statement.setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
  }

  /**
   * Of two writes the one with the higher number wins, whichever node wrote it when: write times of
   * progress, index entries and rows with a single writer grow with a sequence number or a version,
   * not with the writer's clock, so they never go back — not when an event is delivered again, nor
   * when a slice moves to a node whose clock is behind. The base, 2^52 microseconds, lies beyond
   * every clock-given write time until the year 2112, so the numbers also win over values written
   * before this rule.
   */
  static final long ORDERED_WRITE_TIME_BASE = 1L << 52;

  /** The row stored in {@code r}'s {@code row} and {@code row_manifest} columns. */
  @SuppressWarnings("unchecked")
  static <V> V decodeRow(Codec codec, Row r) {
    byte[] json = RowBytes.decode(Objects.requireNonNull(r.getByteBuffer("row")));
    return (V) codec.decode(json, r.getString("row_manifest"));
  }
}
