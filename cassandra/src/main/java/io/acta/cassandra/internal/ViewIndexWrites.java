package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.acta.runtime.spi.ViewFold;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** What a row's write adds beside it: its key in the view's listing and its index entries. */
final class ViewIndexWrites {
  private final CqlSession session;
  private final RowWriteBatches batches;
  private final PreparedStatement insertKey;
  private final PreparedStatement insertIndex;
  private final PreparedStatement deleteIndex;

  ViewIndexWrites(CqlSession session, String keyspace, RowWriteBatches batches) {
    this.session = session;
    this.batches = batches;
    insertKey =
        session.prepare(
            "INSERT INTO " + keyspace + ".view_keys (view_name, part, row_key) VALUES (?, ?, ?)");
    insertIndex =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".view_index (view_name, field, value, row_key) VALUES (?, ?, ?, ?)"
                + " USING TIMESTAMP ?");
    deleteIndex =
        session.prepare(
            "DELETE FROM "
                + keyspace
                + ".view_index USING TIMESTAMP ? WHERE view_name = ? AND field = ? AND value = ?"
                + " AND row_key = ?");
  }

  /** Lists {@code key} among the view's keys (idempotent); batched with other writes under load. */
  CompletionStage<Void> listKey(String view, String key) {
    return batches.write(insertKey.bind(view, part(key), key), view.length() + key.length());
  }

  /**
   * Moves the row's index entries from what {@code before} gave to what {@code after} gives, at a
   * write time given by the row's version (see {@link Quorum#ORDERED_WRITE_TIME_BASE}): the index
   * follows the row's order of changes, not the clocks of the nodes that made them. An entry whose
   * value did not change is not written again; with {@code before} null every entry is written (a
   * new row, or a repair after a crash cut the index short).
   */
  <V> CompletionStage<Void> write(
      ViewFold<V> fold, String view, String key, V before, V after, long version) {
    long at = Quorum.ORDERED_WRITE_TIME_BASE + version;
    if (after == null || fold.type().indexes().isEmpty())
      return CompletableFuture.completedFuture(null);
    List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>();
    for (Map.Entry<String, Function<V, String>> index : fold.type().indexes().entrySet()) {
      String now = index.getValue().apply(after);
      String was = before == null ? null : index.getValue().apply(before);
      if (before != null && Objects.equals(was, now)) continue;
      if (was != null && !was.equals(now))
        writes.add(
            Quorum.exec(session, deleteIndex.bind(at, view, index.getKey(), was, key))
                .toCompletableFuture());
      if (now != null)
        writes.add(
            Quorum.exec(session, insertIndex.bind(view, index.getKey(), now, key, at))
                .toCompletableFuture());
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  static int part(String key) {
    return Math.floorMod(key.hashCode(), ViewSchema.KEY_PARTITIONS);
  }
}
