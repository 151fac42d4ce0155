package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.acta.runtime.spi.Codec;
import io.acta.runtime.spi.OwnedRow;
import io.acta.runtime.spi.ViewFold;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rows with a single writer, one per entity (see {@link ViewSchema}): written whole, with the
 * entity's last applied sequence number beside the row, at a write time that grows with that number
 * (see {@link Quorum#ORDERED_WRITE_TIME_BASE}). No read before a write, no condition: the writer
 * knows the row it wrote last, and a second writer for a moment writes the same row at the same
 * number, or an older one that loses.
 */
final class OwnedRows {
  private final CqlSession session;
  private final Codec codec;
  private final ViewIndexWrites indexes;
  private final RowWriteBatches batches;
  private final PreparedStatement read;
  private final PreparedStatement write;

  OwnedRows(
      CqlSession session,
      String keyspace,
      Codec codec,
      ViewIndexWrites indexes,
      RowWriteBatches batches) {
    this.session = session;
    this.codec = codec;
    this.indexes = indexes;
    this.batches = batches;
    String rows = keyspace + ".view_rows";
    read =
        session.prepare(
            "SELECT entry, row_manifest, row, version, seq FROM "
                + rows
                + " WHERE view_name = ? AND row_key = ? AND entry IN ?");
    write =
        session.prepare(
            "UPDATE "
                + rows
                + " USING TIMESTAMP ? SET row_manifest = ?, row = ?, version = ?, seq = ?"
                + " WHERE view_name = ? AND row_key = ? AND entry = ''");
  }

  /**
   * The row and the last sequence number it applied: kept beside the row, or, for a row written
   * before rows per entity had their own bookkeeping, in the entry of its source.
   */
  <V> CompletionStage<Optional<OwnedRow<V>>> read(String view, String key, String source) {
    return Quorum.exec(session, read.bind(view, key, List.of("", source)))
        .thenApply(
            rs -> {
              Row rowEntry = null;
              long seq = 0;
              for (Row r : rs.currentPage()) {
                if (r.getString("entry").isEmpty()) rowEntry = r;
                if (!r.isNull("seq")) seq = Math.max(seq, r.getLong("seq"));
              }
              if (rowEntry == null || rowEntry.isNull("row")) return Optional.empty();
              return Optional.of(
                  new OwnedRow<>(
                      Quorum.<V>decodeRow(codec, rowEntry), rowEntry.getLong("version"), seq));
            });
  }

  /**
   * Lists a new row's key and moves its index entries first, then writes the row: the row's write
   * records its entity's progress (see {@link io.acta.runtime.spi.ViewStorage#writeOwned}), so a
   * crash before it redelivers the events, and writing the same key and entries again changes
   * nothing (their write times follow the row's version). Key and row go through {@link
   * RowWriteBatches}: under load, with other rows' writes in one request.
   */
  <V> CompletionStage<Void> write(
      ViewFold<V> fold, String view, String key, OwnedRow<V> before, OwnedRow<V> after) {
    CompletionStage<Void> listed =
        before == null ? indexes.listKey(view, key) : CompletableFuture.completedFuture(null);
    ByteBuffer bytes = RowBytes.encode(codec.encode(after.row()));
    return listed
        .thenCompose(
            d ->
                indexes.write(
                    fold,
                    view,
                    key,
                    before == null ? null : before.row(),
                    after.row(),
                    after.version()))
        .thenCompose(
            d ->
                batches.write(
                    write.bind(
                        Quorum.ORDERED_WRITE_TIME_BASE + after.seq(),
                        codec.manifest(after.row()),
                        bytes,
                        after.version(),
                        after.seq(),
                        view,
                        key),
                    bytes.remaining() + view.length() + key.length()));
  }
}
