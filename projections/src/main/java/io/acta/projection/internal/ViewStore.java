package io.acta.projection.internal;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.acta.persistence.internal.PayloadCodec;
import io.acta.projection.ViewEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Views in Cassandra (see {@link ViewSchema}). Applying a row's events reads the row and its sources'
 * bookkeeping in one query, skips the events applied before, and writes the rest in one conditional
 * batch guarded by the row's version: concurrent writers of one row (two slices folding into one key)
 * retry instead of losing an update.
 */
public final class ViewStore {
  private static final ConsistencyLevel QUORUM = ConsistencyLevel.LOCAL_QUORUM;

  /** What one apply did: why it matters to lag and tests. */
  public enum Applied { APPLIED, ALREADY_APPLIED }

  private final CqlSession session;
  private final PayloadCodec codec;
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
  private final PreparedStatement readSeq;
  private final PreparedStatement writeProgress;
  private final PreparedStatement readProgress;
  private final PreparedStatement insertSkip;
  private final PreparedStatement listSkips;

  public ViewStore(CqlSession session, String keyspace, PayloadCodec codec) {
    this.session = session;
    this.codec = codec;
    String rows = keyspace + ".view_rows";
    readMany = prepare("SELECT entry, row_manifest, row, version, seq FROM " + rows + " WHERE view_name = ? AND row_key = ? AND entry IN ?");
    insertRow = prepare("INSERT INTO " + rows + " (view_name, row_key, entry, row_manifest, row, version) VALUES (?, ?, '', ?, ?, 1) IF NOT EXISTS");
    updateRow = prepare("UPDATE " + rows + " SET row_manifest = ?, row = ?, version = ? WHERE view_name = ? AND row_key = ? AND entry = '' IF version = ?");
    writeSeq = prepare("UPDATE " + rows + " SET seq = ? WHERE view_name = ? AND row_key = ? AND entry = ?");
    readSeq = prepare("SELECT seq FROM " + rows + " WHERE view_name = ? AND row_key = ? AND entry = ?");
    getRow = prepare("SELECT row_manifest, row, version FROM " + rows + " WHERE view_name = ? AND row_key = ? AND entry = ''");
    insertKey = prepare("INSERT INTO " + keyspace + ".view_keys (view_name, part, row_key) VALUES (?, ?, ?)");
    listKeys = prepare("SELECT row_key FROM " + keyspace + ".view_keys WHERE view_name = ? AND part = ? AND row_key > ? LIMIT ?");
    insertIndex = prepare("INSERT INTO " + keyspace + ".view_index (view_name, field, value, row_key) VALUES (?, ?, ?, ?)");
    deleteIndex = prepare("DELETE FROM " + keyspace + ".view_index WHERE view_name = ? AND field = ? AND value = ? AND row_key = ?");
    writeProgress = prepare("UPDATE " + keyspace + ".view_progress SET seq = ? WHERE view_name = ? AND source = ?");
    readProgress = prepare("SELECT seq FROM " + keyspace + ".view_progress WHERE view_name = ? AND source = ?");
    insertSkip = prepare("INSERT INTO " + keyspace + ".view_skips (view_name, source, seq, skipped_at) VALUES (?, ?, ?, toTimestamp(now()))");
    listSkips = prepare("SELECT source, seq FROM " + keyspace + ".view_skips WHERE view_name = ?");
    listIndex = prepare("SELECT row_key FROM " + keyspace + ".view_index WHERE view_name = ? AND field = ? AND value = ? AND row_key > ? LIMIT ?");
  }

  private PreparedStatement prepare(String cql) {
    return session.prepare(cql);
  }

  /**
   * Folds {@code events}, all of which change the row of {@code key}, into the view exactly once, in
   * their order: one read of the row and of every source's bookkeeping, then one conditional batch that
   * writes the row and each source's last applied sequence number (a concurrent writer of the row makes
   * the whole group start again). An event a view's code fails on is reported as a {@link FoldFailure}
   * naming it. Records no progress: the caller does, once every row of its group is written.
   */
  public <V> CompletionStage<Applied> applyAll(ViewFold<V> fold, String view, String key, List<ViewEvent<?>> events) {
    return exec(insertKey.bind(view, part(key), key)).thenCompose(ignored -> attemptAll(fold, view, key, events));
  }

  /** An event the view's own code failed on. */
  public static final class FoldFailure extends RuntimeException {
    private final transient ViewEvent<?> event;

    FoldFailure(ViewEvent<?> event, RuntimeException cause) {
      super(cause.toString(), cause);
      this.event = event;
    }

    public ViewEvent<?> event() {
      return event;
    }
  }

  private <V> CompletionStage<Applied> attemptAll(ViewFold<V> fold, String view, String key, List<ViewEvent<?>> events) {
    List<String> entries = new ArrayList<>();
    entries.add("");
    for (ViewEvent<?> e : events) {
      String source = source(e);
      if (!entries.contains(source)) entries.add(source);
    }
    return exec(readMany.bind(view, key, entries).setConsistencyLevel(QUORUM)).thenCompose(rs -> {
      Row rowEntry = null;
      Map<String, Long> applied = new java.util.HashMap<>();
      for (Row r : rs.currentPage()) {
        if (r.getString("entry").isEmpty()) rowEntry = r;
        else applied.put(r.getString("entry"), r.getLong("seq"));
      }
      final V before = rowEntry == null ? null : decode(rowEntry);
      V row = before;
      Map<String, Long> newlyApplied = new java.util.LinkedHashMap<>();
      FoldFailure poison = null;
      for (ViewEvent<?> e : events) {
        String source = source(e);
        if (e.sequenceNr() <= applied.getOrDefault(source, 0L)) continue; // a redelivery: the row has it
        try {
          row = fold.apply(row == null ? fold.initial(key) : row, e);
        } catch (RuntimeException failure) {
          // The row keeps what came before the failing event, and stops there.
          poison = new FoldFailure(e, failure);
          break;
        }
        applied.put(source, e.sequenceNr());
        newlyApplied.put(source, e.sequenceNr());
      }
      final FoldFailure failed = poison;
      if (newlyApplied.isEmpty() && failed != null) return CompletableFuture.failedFuture(failed);
      if (newlyApplied.isEmpty()) {
        // Every event was applied before. Repair the index in case a crash cut it short.
        return writeIndexes(fold, view, key, null, before).thenApply(d -> Applied.ALREADY_APPLIED);
      }
      ByteBuffer bytes = ByteBuffer.wrap(codec.toBytes(row));
      String manifest = codec.entryOf(row).manifest();
      BatchStatement batch = BatchStatement.newInstance(BatchType.LOGGED,
          rowEntry == null
              ? insertRow.bind(view, key, manifest, bytes)
              : updateRow.bind(manifest, bytes, rowEntry.getLong("version") + 1, view, key, rowEntry.getLong("version")));
      for (Map.Entry<String, Long> e : newlyApplied.entrySet()) batch = batch.add(writeSeq.bind(e.getValue(), view, key, e.getKey()));
      final V after = row;
      return exec(batch.setConsistencyLevel(QUORUM)).thenCompose(result -> {
        if (!result.wasApplied()) return attemptAll(fold, view, key, events); // another writer got there first: read again
        return writeIndexes(fold, view, key, before, after).thenApply(d -> {
          if (failed != null) throw failed;
          return Applied.APPLIED;
        });
      });
    });
  }

  private static String source(ViewEvent<?> event) {
    return event.entityType() + "|" + event.entityId();
  }

  /** Records that the view has processed {@code source} up to {@code seq}. */
  public CompletionStage<Void> recordProgress(String view, String source, long seq) {
    return exec(writeProgress.bind(seq, view, source)).thenApply(rs -> null);
  }

  /** Records that the view is to pass over one event. */
  public CompletionStage<Void> skip(String view, String source, long seq) {
    return exec(insertSkip.bind(view, source, seq).setConsistencyLevel(QUORUM)).thenApply(rs -> null);
  }

  /** The events the view is to pass over, as {@code persistenceId#seq}. */
  public CompletionStage<java.util.Set<String>> skips(String view) {
    return exec(listSkips.bind(view).setConsistencyLevel(QUORUM)).thenApply(rs -> {
      var out = new java.util.HashSet<String>();
      rs.currentPage().forEach(r -> out.add(r.getString("source") + "#" + r.getLong("seq")));
      return out;
    });
  }

  /** The last sequence number of {@code source} the view has processed (0: none). */
  public CompletionStage<Long> progress(String view, String source) {
    return exec(readProgress.bind(view, source).setConsistencyLevel(QUORUM))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(r -> r.getLong("seq")).orElse(0L));
  }

  private <V> CompletionStage<Void> writeIndexes(ViewFold<V> fold, String view, String key, V before, V after) {
    if (after == null || fold.type().indexes().isEmpty()) return CompletableFuture.completedFuture(null);
    List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>();
    for (Map.Entry<String, java.util.function.Function<V, String>> index : fold.type().indexes().entrySet()) {
      String now = index.getValue().apply(after);
      String was = before == null ? null : index.getValue().apply(before);
      if (was != null && !was.equals(now)) writes.add(exec(deleteIndex.bind(view, index.getKey(), was, key)).toCompletableFuture());
      if (now != null) writes.add(exec(insertIndex.bind(view, index.getKey(), now, key)).toCompletableFuture());
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  /** The row of {@code key} in the stored view {@code view} ({@code name@version}), if any event reached it. */
  public <V> CompletionStage<Optional<V>> get(String view, String key) {
    return exec(getRow.bind(view, key).setConsistencyLevel(QUORUM))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(this::decode));
  }

  /** The row of {@code key} with its version, which grows by one with each change of the row. */
  public <V> CompletionStage<Optional<io.acta.projection.Versioned<V>>> getVersioned(String view, String key) {
    return exec(getRow.bind(view, key).setConsistencyLevel(QUORUM))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(r -> new io.acta.projection.Versioned<V>(decode(r), r.getLong("version"))));
  }

  /** The last sequence number of {@code source} applied to the row of {@code key} (0: none). */
  public CompletionStage<Long> appliedSequenceNr(String view, String key, String source) {
    return exec(readSeq.bind(view, key, source).setConsistencyLevel(QUORUM))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(r -> r.getLong("seq")).orElse(0L));
  }

  /** Up to {@code limit} keys after {@code after} (exclusive; "" for the first page), in key order. */
  public CompletionStage<List<String>> keys(String view, String after, int limit) {
    List<CompletableFuture<List<String>>> parts = new ArrayList<>();
    for (int p = 0; p < ViewSchema.KEY_PARTITIONS; p++) {
      parts.add(exec(listKeys.bind(view, p, after, limit)).thenApply(ViewStore::keysOf).toCompletableFuture());
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(d -> parts.stream()
        .flatMap(f -> f.join().stream()).sorted().limit(limit).toList());
  }

  /** Up to {@code limit} keys whose row has {@code value} in the indexed {@code field}, after {@code after}. */
  public CompletionStage<List<String>> keysByIndex(String view, String field, String value, String after, int limit) {
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
    return (V) codec.fromBytes(bytes, r.getString("row_manifest"));
  }

  private CompletionStage<AsyncResultSet> exec(com.datastax.oss.driver.api.core.cql.Statement<?> statement) {
    return session.executeAsync(statement);
  }

  static int part(String key) {
    return Math.floorMod(key.hashCode(), ViewSchema.KEY_PARTITIONS);
  }
}
