package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.acta.api.view.ViewEvent;
import io.acta.runtime.spi.Codec;
import io.acta.runtime.spi.RowChange;
import io.acta.runtime.spi.ViewFold;
import io.acta.runtime.spi.WriterMarks;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.ToLongFunction;

/**
 * Rows many entities fold into (see {@link ViewSchema}). Applying groups of events to a row starts
 * from the row and its writers' marks, lets {@link RowChange} decide what is new, and writes row
 * and marks in one conditional batch guarded by the row's version: writers on other nodes retry
 * instead of losing an update. The slices of one node take turns on a row ({@link RowTurns}), and
 * the groups of all slices that wait for it meanwhile go together in the next turn: one conditional
 * write for all of them, so that a row many slices fold into is written as often as it can be, not
 * once per slice and round trip.
 *
 * <p>The row and marks come from what this node wrote last ({@link KnownSharedRows}) when it knows
 * them: then a turn is one round trip, the condition, which fails if any other writer wrote the row
 * since; then, and for rows it does not know, the row is read (one query: row, marks, and marks
 * kept per source by rows written before writer marks) and written again. A row's key is listed in
 * the view once, before the row is created.
 */
final class SharedRows {
  /** Reading a row's entries to check that it has no marks per source reads at most this many. */
  private static final int LEGACY_CHECK_LIMIT = 1_000;

  private final CqlSession session;
  private final Codec codec;
  private final ViewIndexWrites indexes;
  private final PreparedStatement read;
  private final PreparedStatement entriesOf;
  private final PreparedStatement insertRow;
  private final PreparedStatement updateRow;
  private final PreparedStatement writeMarks;
  private final RowTurns<Group<?>> turns;
  private final KnownSharedRows known = new KnownSharedRows();

  SharedRows(CqlSession session, String keyspace, Codec codec, ViewIndexWrites indexes) {
    this.session = session;
    this.codec = codec;
    this.indexes = indexes;
    this.turns = new RowTurns<>(this::turn);
    String rows = keyspace + ".view_rows";
    read =
        session.prepare(
            "SELECT entry, row_manifest, row, version, seq, run, applied, carried FROM "
                + rows
                + " WHERE view_name = ? AND row_key = ? AND entry IN ?");
    entriesOf =
        session.prepare(
            "SELECT entry FROM " + rows + " WHERE view_name = ? AND row_key = ? LIMIT ?");
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

  <V> CompletionStage<Optional<V>> applyAll(
      ViewFold<V> fold,
      String view,
      String key,
      List<ViewEvent<?>> events,
      String writer,
      String run,
      ToLongFunction<String> progress) {
    Group<V> group =
        new Group<>(fold, view, key, events, writer, run, progress, new CompletableFuture<>());
    turns.submit(view + '\n' + key, group);
    return group.result();
  }

  /** One writer's group of events for one row, and its caller's answer. */
  private record Group<V>(
      ViewFold<V> fold,
      String view,
      String key,
      List<ViewEvent<?>> events,
      String writer,
      String run,
      ToLongFunction<String> progress,
      CompletableFuture<Optional<V>> result) {
    String marksEntry() {
      return "writer:" + writer;
    }
  }

  /**
   * The row as it stands before a write: {@code row} null and {@code version} 0 when there is none;
   * {@code marks} per writer's entry (a writer not there has none); {@code legacy} the marks kept
   * per source by rows written before writer marks; whether the row may be remembered.
   */
  private record Current<V>(
      V row,
      long version,
      Map<String, WriterMarks> marks,
      Map<String, Long> legacy,
      boolean rememberable) {}

  /** One turn on a row: the groups of one view and key, of different writers. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private CompletionStage<Void> turn(List<Group<?>> groups) {
    List<Group<Object>> all = (List) groups;
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      attempt(all, true)
          .whenComplete(
              (d, error) -> {
                if (error != null)
                  for (Group<Object> g : all) g.result().completeExceptionally(error);
                done.complete(null);
              });
    } catch (RuntimeException e) {
      for (Group<Object> g : all) g.result().completeExceptionally(e);
      done.complete(null);
    }
    return done;
  }

  /**
   * Applies the groups from the row as this node wrote it last, when it knows every writer's marks;
   * from the row as stored otherwise. Completes once each group is answered.
   */
  @SuppressWarnings("unchecked")
  private <V> CompletionStage<Void> attempt(List<Group<V>> groups, boolean fromKnown) {
    Group<V> first = groups.get(0);
    KnownSharedRows.Known k = known.get(first.view(), first.key());
    if (fromKnown
        && k != null
        && groups.stream().allMatch(g -> k.marksByEntry().containsKey(g.marksEntry())))
      return write(
          groups, new Current<>((V) k.row(), k.version(), k.marksByEntry(), Map.of(), true));
    return read(groups, k != null).thenCompose(current -> write(groups, current));
  }

  /**
   * Reads the row, the writers' marks and any marks kept per source; whether the row may be
   * remembered ({@code rememberedBefore}, or the row holds no marks per source at all, which no
   * current writer makes) is found out the first time.
   */
  private <V> CompletionStage<Current<V>> read(List<Group<V>> groups, boolean rememberedBefore) {
    Group<V> first = groups.get(0);
    Set<String> entries = new LinkedHashSet<>();
    entries.add("");
    for (Group<V> g : groups) entries.add(g.marksEntry());
    for (Group<V> g : groups) entries.addAll(RowChange.sources(g.events()));
    CompletionStage<Boolean> rememberable =
        rememberedBefore
            ? CompletableFuture.completedFuture(true)
            : Quorum.exec(session, entriesOf.bind(first.view(), first.key(), LEGACY_CHECK_LIMIT))
                .thenApply(SharedRows::onlyRowAndWriters);
    return Quorum.exec(session, read.bind(first.view(), first.key(), List.copyOf(entries)))
        .thenCombine(
            rememberable,
            (rs, mayRemember) -> {
              Row rowEntry = null;
              Map<String, WriterMarks> marks = new HashMap<>();
              Map<String, Long> legacy = new HashMap<>();
              for (Row r : rs.currentPage()) {
                String entry = r.getString("entry");
                if (entry.isEmpty()) rowEntry = r;
                else if (entry.startsWith("writer:")) marks.put(entry, marksOf(r));
                else legacy.put(entry, r.getLong("seq"));
              }
              if (rowEntry != null && !rowEntry.isNull("seq"))
                throw new IllegalStateException(
                    "row '"
                        + first.key()
                        + "' of view "
                        + first.view()
                        + " was kept as a row per entity: rebuild the view after changing"
                        + " how it is declared");
              V row = rowEntry == null ? null : Quorum.decodeRow(codec, rowEntry);
              long version = rowEntry == null ? 0 : rowEntry.getLong("version");
              return new Current<>(row, version, marks, legacy, mayRemember);
            });
  }

  private static boolean onlyRowAndWriters(AsyncResultSet rs) {
    int n = 0;
    for (Row r : rs.currentPage()) {
      String entry = r.getString("entry");
      if (!entry.isEmpty() && !entry.startsWith("writer:")) return false;
      n++;
    }
    return n < LEGACY_CHECK_LIMIT;
  }

  /**
   * What one group's events did to the row, decided before the write: whether it applied any, and
   * the event the view's code failed on, if any.
   */
  private record Outcome(boolean applied, RuntimeException failure) {}

  /**
   * Folds each group in turn into the row (a group whose events were all applied before changes
   * nothing) and writes the row with the marks of every writer that changed it in one conditional
   * batch; answers each group once it is written.
   */
  private <V> CompletionStage<Void> write(List<Group<V>> groups, Current<V> current) {
    Group<V> first = groups.get(0);
    V row = current.row();
    Map<String, WriterMarks> next = new LinkedHashMap<>();
    List<Outcome> outcomes = new ArrayList<>();
    for (Group<V> g : groups) {
      WriterMarks marks =
          next.getOrDefault(
              g.marksEntry(), current.marks().getOrDefault(g.marksEntry(), WriterMarks.NONE));
      Map<String, Long> seen = marks.seen();
      current.legacy().forEach((s, seq) -> seen.merge(s, seq, Math::max));
      RowChange<V> change = RowChange.decide(g.fold(), g.key(), row, seen, g.events());
      if (!change.changed()) {
        outcomes.add(new Outcome(false, change.failure()));
        continue;
      }
      next.put(
          g.marksEntry(),
          marks.next(g.run(), RowChange.sources(g.events()), change.newlyApplied(), g.progress()));
      row = change.after();
      outcomes.add(new Outcome(true, change.failure()));
    }
    long stored = current.version();
    if (next.isEmpty()) {
      // Every event was applied before. Repair the index in case a crash cut it short.
      return indexes
          .write(first.fold(), first.view(), first.key(), null, current.row(), stored)
          .thenAccept(d -> answer(groups, outcomes, current.row()));
    }
    V after = row;
    boolean exists = current.row() != null;
    ByteBuffer bytes = RowBytes.encode(codec.encode(after));
    String manifest = codec.manifest(after);
    BatchStatementBuilder batch =
        BatchStatement.builder(BatchType.LOGGED)
            .addStatement(
                exists
                    ? updateRow.bind(manifest, bytes, stored + 1, first.view(), first.key(), stored)
                    : insertRow.bind(first.view(), first.key(), manifest, bytes));
    next.forEach(
        (entry, m) ->
            batch.addStatement(
                writeMarks.bind(
                    m.run(), m.applied(), m.carried(), first.view(), first.key(), entry)));
    // A new row's key is listed first, so that a listed key is all a crash can leave behind.
    CompletionStage<?> listed =
        exists
            ? CompletableFuture.completedFuture(null)
            : indexes.listKey(first.view(), first.key());
    return listed
        .thenCompose(d -> Quorum.exec(session, batch.build()))
        .handle(
            (result, error) -> {
              if (error != null) {
                known.forget(first.view(), first.key()); // written or not: read it next time
                return CompletableFuture.<Void>failedFuture(error);
              }
              if (!result.wasApplied()) {
                // Another writer got there first: read again. What this node remembers of the row
                // stays until this write's success replaces it: it tells the read that the row was
                // checked for per-source marks already (a row never gains them again).
                return attempt(groups, false);
              }
              remember(first, current, after, stored + 1, next);
              return indexes
                  .write(first.fold(), first.view(), first.key(), current.row(), after, stored + 1)
                  .thenAccept(d -> answer(groups, outcomes, after));
            })
        .thenCompose(stage -> stage);
  }

  /** Answers each group: its failure, or the row as written when it applied any event. */
  private static <V> void answer(List<Group<V>> groups, List<Outcome> outcomes, V written) {
    for (int i = 0; i < groups.size(); i++) {
      Outcome o = outcomes.get(i);
      if (o.failure() != null) groups.get(i).result().completeExceptionally(o.failure());
      else groups.get(i).result().complete(o.applied() ? Optional.of(written) : Optional.empty());
    }
  }

  private <V> void remember(
      Group<V> first, Current<V> before, V row, long version, Map<String, WriterMarks> written) {
    if (!before.rememberable()) return;
    Map<String, WriterMarks> marks = new HashMap<>(before.marks());
    marks.putAll(written);
    known.put(first.view(), first.key(), new KnownSharedRows.Known(row, version, marks));
  }

  private static WriterMarks marksOf(Row r) {
    String run = r.getString("run");
    return new WriterMarks(
        run == null ? "" : run,
        r.getMap("applied", String.class, Long.class),
        r.getMap("carried", String.class, Long.class));
  }
}
