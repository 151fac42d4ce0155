package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.acta.api.view.ViewEvent;
import io.acta.runtime.spi.Codec;
import io.acta.runtime.spi.RowChange;
import io.acta.runtime.spi.ViewFold;
import io.acta.runtime.spi.ViewStorage.Applied;
import io.acta.runtime.spi.WriterMarks;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.ToLongFunction;

/**
 * Rows many entities fold into (see {@link ViewSchema}). Applying a group's events to a row reads
 * the row and its writer's marks in one query, lets {@link RowChange} decide what is new, and
 * writes row and marks in one conditional batch guarded by the row's version: the slices folding
 * into one key retry instead of losing an update. The slices of one node take turns ({@link
 * OneAtATime}), so only writers on different nodes ever retry.
 */
final class SharedRows {
  private final CqlSession session;
  private final Codec codec;
  private final ViewIndexWrites indexes;
  private final PreparedStatement read;
  private final PreparedStatement insertRow;
  private final PreparedStatement updateRow;
  private final PreparedStatement writeMarks;
  private final OneAtATime turns = new OneAtATime();

  SharedRows(CqlSession session, String keyspace, Codec codec, ViewIndexWrites indexes) {
    this.session = session;
    this.codec = codec;
    this.indexes = indexes;
    String rows = keyspace + ".view_rows";
    read =
        session.prepare(
            "SELECT entry, row_manifest, row, version, seq, run, applied, carried FROM "
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
    writeMarks =
        session.prepare(
            "UPDATE "
                + rows
                + " SET run = ?, applied = ?, carried = ? WHERE view_name = ? AND row_key = ? AND"
                + " entry = ?");
  }

  <V> CompletionStage<Applied> applyAll(
      ViewFold<V> fold,
      String view,
      String key,
      List<ViewEvent<?>> events,
      String writer,
      String run,
      ToLongFunction<String> progress) {
    // The slices of this node take turns on a row; other nodes' writers meet the condition.
    return turns.run(
        view + '\n' + key,
        () ->
            indexes
                .listKey(view, key)
                .thenCompose(ignored -> attempt(fold, view, key, events, writer, run, progress)));
  }

  private <V> CompletionStage<Applied> attempt(
      ViewFold<V> fold,
      String view,
      String key,
      List<ViewEvent<?>> events,
      String writer,
      String run,
      ToLongFunction<String> progress) {
    String marksEntry = "writer:" + writer;
    List<String> sources = RowChange.sources(events);
    List<String> entries = new ArrayList<>();
    entries.add("");
    entries.add(marksEntry);
    entries.addAll(sources); // marks kept per source entity by rows written before writer marks
    return Quorum.exec(session, read.bind(view, key, entries))
        .thenCompose(
            rs -> {
              Row rowEntry = null;
              WriterMarks marks = WriterMarks.NONE;
              Map<String, Long> legacy = new HashMap<>();
              for (Row r : rs.currentPage()) {
                String entry = r.getString("entry");
                if (entry.isEmpty()) rowEntry = r;
                else if (entry.equals(marksEntry)) marks = marksOf(r);
                else legacy.put(entry, r.getLong("seq"));
              }
              if (rowEntry != null && !rowEntry.isNull("seq")) {
                return CompletableFuture.failedFuture(
                    new IllegalStateException(
                        "row '"
                            + key
                            + "' of view "
                            + view
                            + " was kept as a row per entity: rebuild the view after changing"
                            + " how it is declared"));
              }
              Map<String, Long> seen = marks.seen();
              legacy.forEach((s, seq) -> seen.merge(s, seq, Math::max));
              V before = rowEntry == null ? null : Quorum.decodeRow(codec, rowEntry);
              RowChange<V> change = RowChange.decide(fold, key, before, seen, events);
              if (!change.changed() && change.failure() != null)
                return CompletableFuture.failedFuture(change.failure());
              long stored = rowEntry == null ? 0 : rowEntry.getLong("version");
              if (!change.changed()) {
                // Every event was applied before. Repair the index in case a crash cut it short.
                return indexes
                    .write(fold, view, key, null, before, stored)
                    .thenApply(d -> Applied.ALREADY_APPLIED);
              }
              WriterMarks next = marks.next(run, sources, change.newlyApplied(), progress);
              ByteBuffer bytes = ByteBuffer.wrap(codec.encode(change.after()));
              String manifest = codec.manifest(change.after());
              BatchStatement batch =
                  BatchStatement.newInstance(
                      BatchType.LOGGED,
                      rowEntry == null
                          ? insertRow.bind(view, key, manifest, bytes)
                          : updateRow.bind(manifest, bytes, stored + 1, view, key, stored),
                      writeMarks.bind(
                          next.run(), next.applied(), next.carried(), view, key, marksEntry));
              return Quorum.exec(session, batch)
                  .thenCompose(
                      result -> {
                        if (!result.wasApplied()) // another writer got there first: read again
                        return attempt(fold, view, key, events, writer, run, progress);
                        return indexes
                            .write(fold, view, key, before, change.after(), stored + 1)
                            .thenApply(
                                d -> {
                                  if (change.failure() != null) throw change.failure();
                                  return Applied.APPLIED;
                                });
                      });
            });
  }

  private static WriterMarks marksOf(Row r) {
    String run = r.getString("run");
    return new WriterMarks(
        run == null ? "" : run,
        r.getMap("applied", String.class, Long.class),
        r.getMap("carried", String.class, Long.class));
  }
}
