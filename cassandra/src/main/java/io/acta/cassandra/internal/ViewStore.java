package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.acta.api.view.Versioned;
import io.acta.api.view.ViewEvent;
import io.acta.runtime.spi.Codec;
import io.acta.runtime.spi.RowChange;
import io.acta.runtime.spi.ViewFold;
import io.acta.runtime.spi.ViewStorage.Applied;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * View rows in Cassandra (see {@link ViewSchema}). Applying a row's events reads the row and its
 * sources' bookkeeping in one query, lets {@link RowChange} decide what is new, and writes it in
 * one conditional batch guarded by the row's version: concurrent writers of one row (two slices
 * folding into one key) retry instead of losing an update.
 */
final class ViewStore {
  private static final ConsistencyLevel QUORUM = ConsistencyLevel.LOCAL_QUORUM;

  private final CqlSession session;
  private final Codec codec;
  private final PreparedStatement readMany;
  private final PreparedStatement insertRow;
  private final PreparedStatement updateRow;
  private final PreparedStatement writeSeq;
  private final PreparedStatement insertKey;
  private final PreparedStatement getRow;
  private final PreparedStatement listKeys;
  private final PreparedStatement insertIndex;
  private final PreparedStatement deleteIndex;
  private final PreparedStatement listIndex;
  private final PreparedStatement writeProgress;
  private final PreparedStatement readProgress;
  private final PreparedStatement insertSkip;
  private final PreparedStatement listSkips;

  ViewStore(CqlSession session, String keyspace, Codec codec) {
    this.session = session;
    this.codec = codec;
    String rows = keyspace + ".view_rows";
    readMany =
        session.prepare(
            "SELECT entry, row_manifest, row, version, seq FROM "
                + rows
                + " WHERE view_name = ? AND row_key = ? AND entry IN ?");
    insertRow =
        session.prepare(
            "INSERT INTO "
                + rows
                + " (view_name, row_key, entry, row_manifest, row, version)"
                + " VALUES (?, ?, '', ?, ?, 1) IF NOT EXISTS");
    updateRow =
        session.prepare(
            "UPDATE "
                + rows
                + " SET row_manifest = ?, row = ?, version = ?"
                + " WHERE view_name = ? AND row_key = ? AND entry = '' IF version = ?");
    writeSeq =
        session.prepare(
            "UPDATE " + rows + " SET seq = ? WHERE view_name = ? AND row_key = ? AND entry = ?");
    getRow =
        session.prepare(
            "SELECT row_manifest, row, version FROM "
                + rows
                + " WHERE view_name = ? AND row_key = ? AND entry = ''");
    insertKey =
        session.prepare(
            "INSERT INTO " + keyspace + ".view_keys (view_name, part, row_key) VALUES (?, ?, ?)");
    listKeys =
        session.prepare(
            "SELECT row_key FROM "
                + keyspace
                + ".view_keys WHERE view_name = ? AND part = ? AND row_key > ? LIMIT ?");
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

  <V> CompletionStage<Applied> applyAll(
      ViewFold<V> fold, String view, String key, List<ViewEvent<?>> events) {
    return exec(insertKey.bind(view, part(key), key))
        .thenCompose(ignored -> attemptAll(fold, view, key, events));
  }

  private <V> CompletionStage<Applied> attemptAll(
      ViewFold<V> fold, String view, String key, List<ViewEvent<?>> events) {
    List<String> entries = new ArrayList<>();
    entries.add("");
    entries.addAll(RowChange.sources(events));
    return exec(readMany.bind(view, key, entries))
        .thenCompose(
            rs -> {
              Row rowEntry = null;
              Map<String, Long> applied = new HashMap<>();
              for (Row r : rs.currentPage()) {
                if (r.getString("entry").isEmpty()) rowEntry = r;
                else applied.put(r.getString("entry"), r.getLong("seq"));
              }
              V before = rowEntry == null ? null : decode(rowEntry);
              RowChange<V> change = RowChange.decide(fold, key, before, applied, events);
              if (!change.changed() && change.failure() != null)
                return CompletableFuture.failedFuture(change.failure());
              if (!change.changed()) {
                // Every event was applied before. Repair the index in case a crash cut it short.
                return writeIndexes(
                        fold,
                        view,
                        key,
                        null,
                        before,
                        rowEntry == null ? 0 : rowEntry.getLong("version"))
                    .thenApply(d -> Applied.ALREADY_APPLIED);
              }
              long version = rowEntry == null ? 1 : rowEntry.getLong("version") + 1;
              ByteBuffer bytes = ByteBuffer.wrap(codec.encode(change.after()));
              String manifest = codec.manifest(change.after());
              BatchStatement batch =
                  BatchStatement.newInstance(
                      BatchType.LOGGED,
                      rowEntry == null
                          ? insertRow.bind(view, key, manifest, bytes)
                          : updateRow.bind(
                              manifest,
                              bytes,
                              rowEntry.getLong("version") + 1,
                              view,
                              key,
                              rowEntry.getLong("version")));
              for (Map.Entry<String, Long> e : change.newlyApplied().entrySet()) {
                batch = batch.add(writeSeq.bind(e.getValue(), view, key, e.getKey()));
              }
              return exec(batch)
                  .thenCompose(
                      result -> {
                        if (!result.wasApplied())
                          return attemptAll(
                              fold, view, key,
                              events); // another writer got there first: read again
                        return writeIndexes(fold, view, key, before, change.after(), version)
                            .thenApply(
                                d -> {
                                  if (change.failure() != null) throw change.failure();
                                  return Applied.APPLIED;
                                });
                      });
            });
  }

  /**
   * Progress is written with a write time that grows with the sequence number, not with the
   * writer's clock: of two writes the higher number wins, whichever node wrote it when, so progress
   * never goes back — not when an event is delivered again, nor when a slice moves to a node whose
   * clock is behind. The base lies beyond every clock-given write time (microseconds since 1970)
   * until the year 2112, so the numbers also win over progress written before this rule.
   */
  CompletionStage<Void> recordProgress(String view, String source, long seq) {
    return exec(writeProgress.bind(ORDERED_WRITE_TIME_BASE + seq, seq, view, source))
        .thenApply(rs -> null);
  }

  /** 2^52 microseconds: some 142 years after 1970. */
  static final long ORDERED_WRITE_TIME_BASE = 1L << 52;

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

  /**
   * Index entries of a row are written at a write time given by the row's version, for the reason
   * progress is (see {@link #recordProgress}): the index follows the row's order of changes, not
   * the clocks of the nodes that made them, so a value the row returns to after a slice moved to a
   * node whose clock is behind is not hidden by the earlier removal of that value.
   */
  private <V> CompletionStage<Void> writeIndexes(
      ViewFold<V> fold, String view, String key, V before, V after, long version) {
    long at = ORDERED_WRITE_TIME_BASE + version;
    if (after == null || fold.type().indexes().isEmpty())
      return CompletableFuture.completedFuture(null);
    List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>();
    for (Map.Entry<String, Function<V, String>> index : fold.type().indexes().entrySet()) {
      String now = index.getValue().apply(after);
      String was = before == null ? null : index.getValue().apply(before);
      if (was != null && !was.equals(now))
        writes.add(
            exec(deleteIndex.bind(at, view, index.getKey(), was, key)).toCompletableFuture());
      if (now != null)
        writes.add(
            exec(insertIndex.bind(view, index.getKey(), now, key, at)).toCompletableFuture());
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
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

  @SuppressWarnings("unchecked")
  private <V> V decode(Row r) {
    ByteBuffer b = Objects.requireNonNull(r.getByteBuffer("row"));
    byte[] bytes = new byte[b.remaining()];
    b.duplicate().get(bytes);
    return (V) codec.decode(bytes, r.getString("row_manifest"));
  }

  /**
   * Every read and write of view tables at LOCAL_QUORUM, so that on a three-replica keyspace a
   * listing, an index lookup or a read-your-writes check sees what an acknowledged write wrote.
   */
  private CompletionStage<AsyncResultSet> exec(Statement<?> statement) {
    return session.executeAsync(statement.setConsistencyLevel(QUORUM));
  }

  static int part(String key) {
    return Math.floorMod(key.hashCode(), ViewSchema.KEY_PARTITIONS);
  }
}
