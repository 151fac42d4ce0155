package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.acta.api.view.Versioned;
import io.acta.runtime.spi.Codec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reading views in Cassandra (see {@link ViewSchema}): rows, key listings, index lookups, progress
 * and skips. Rows are written by {@link SharedRows} and {@link OwnedRows}; progress here, through
 * the {@link RowWriteBatches} of those rows' writes.
 */
final class ViewStore {
  private final CqlSession session;
  private final Codec codec;
  private final PreparedStatement getRow;
  private final PreparedStatement rowVersions;
  private final PreparedStatement listKeys;
  private final PreparedStatement listIndex;
  private final PreparedStatement writeProgress;
  private final PreparedStatement readProgress;
  private final PreparedStatement insertSkip;
  private final PreparedStatement listSkips;
  private final RowWriteBatches batches;

  ViewStore(CqlSession session, String keyspace, Codec codec, RowWriteBatches batches) {
    this.session = session;
    this.batches = batches;
    this.codec = codec;
    String rows = keyspace + ".view_rows";
    getRow =
        session.prepare(
            "SELECT row_manifest, row, version FROM "
                + rows
                + " WHERE view_name = ? AND row_key = ? AND entry = ''");
    rowVersions =
        session.prepare(
            "SELECT row_key, version FROM "
                + rows
                + " WHERE view_name = ? AND row_key IN ? AND entry = ''");
    listKeys =
        session.prepare(
            "SELECT row_key FROM "
                + keyspace
                + ".view_keys WHERE view_name = ? AND part = ? AND row_key > ? LIMIT ?");
    listIndex =
        session.prepare(
            "SELECT row_key FROM "
                + keyspace
                + ".view_index"
                + " WHERE view_name = ? AND field = ? AND value = ? AND row_key > ? LIMIT ?");
    writeProgress =
        session.prepare(
            "UPDATE "
                + keyspace
                + ".view_progress USING TIMESTAMP ? SET seq = ? WHERE view_name = ? AND source ="
                + " ?");
    readProgress =
        session.prepare(
            "SELECT seq FROM " + keyspace + ".view_progress WHERE view_name = ? AND source = ?");
    insertSkip =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".view_skips (view_name, source, seq, skipped_at)"
                + " VALUES (?, ?, ?, toTimestamp(now()))");
    listSkips =
        session.prepare("SELECT source, seq FROM " + keyspace + ".view_skips WHERE view_name = ?");
  }

  /**
   * Records how far {@code view} processed {@code source}, with a write time that grows with the
   * sequence number (see {@link Quorum#ORDERED_WRITE_TIME_BASE}): it never goes back. A group of
   * events leaves one such write per source entity (thousands in a catch-up of a view that folds
   * many entities into a few rows); under load they go batched, like row writes.
   */
  CompletionStage<Void> recordProgress(String view, String source, long seq) {
    return batches.write(
        writeProgress.bind(Quorum.ORDERED_WRITE_TIME_BASE + seq, seq, view, source),
        view.length() + source.length() + Long.BYTES);
  }

  CompletionStage<Void> skip(String view, String source, long seq) {
    return exec(insertSkip.bind(view, source, seq)).thenApply(rs -> null);
  }

  CompletionStage<Set<String>> skips(String view) {
    return exec(listSkips.bind(view))
        .thenApply(
            rs -> {
              Set<String> out = new HashSet<>();
              rs.currentPage()
                  .forEach(r -> out.add(r.getString("source") + "#" + r.getLong("seq")));
              return out;
            });
  }

  CompletionStage<Long> progress(String view, String source) {
    return exec(readProgress.bind(view, source))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(r -> r.getLong("seq")).orElse(0L));
  }

  <V> CompletionStage<Optional<V>> get(String view, String key) {
    return exec(getRow.bind(view, key))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(this::decode));
  }

  <V> CompletionStage<Optional<Versioned<V>>> getVersioned(String view, String key) {
    return exec(getRow.bind(view, key))
        .thenApply(
            rs ->
                Optional.ofNullable(rs.one())
                    .map(r -> new Versioned<V>(decode(r), r.getLong("version"))));
  }

  /**
   * The versions of the rows of {@code keys} that exist: one request (the coordinator reads each
   * key's partition), a hundred keys or so at a time being the caller's to keep to.
   */
  CompletionStage<Map<String, Long>> rowVersions(String view, List<String> keys) {
    if (keys.isEmpty()) return CompletableFuture.completedFuture(Map.of());
    return exec(rowVersions.bind(view, keys))
        .thenCompose(rs -> collectVersions(rs, new HashMap<>()));
  }

  private static CompletionStage<Map<String, Long>> collectVersions(
      AsyncResultSet rs, Map<String, Long> into) {
    rs.currentPage().forEach(r -> into.put(r.getString("row_key"), r.getLong("version")));
    if (!rs.hasMorePages()) return CompletableFuture.completedFuture(into);
    return rs.fetchNextPage().thenCompose(next -> collectVersions(next, into));
  }

  CompletionStage<List<String>> keys(String view, String after, int limit) {
    List<CompletableFuture<List<String>>> parts = new ArrayList<>();
    for (int p = 0; p < ViewSchema.KEY_PARTITIONS; p++) {
      parts.add(
          exec(listKeys.bind(view, p, after, limit))
              .thenApply(ViewStore::keysOf)
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(
            d -> parts.stream().flatMap(f -> f.join().stream()).sorted().limit(limit).toList());
  }

  CompletionStage<List<String>> keysByIndex(
      String view, String field, String value, String after, int limit) {
    return exec(listIndex.bind(view, field, value, after, limit)).thenApply(ViewStore::keysOf);
  }

  private static List<String> keysOf(AsyncResultSet rs) {
    List<String> keys = new ArrayList<>();
    rs.currentPage().forEach(r -> keys.add(r.getString("row_key")));
    return keys;
  }

  private <V> V decode(Row r) {
    return Quorum.decodeRow(codec, r);
  }

  private CompletionStage<AsyncResultSet> exec(Statement<?> statement) {
    return Quorum.exec(session, statement);
  }
}
