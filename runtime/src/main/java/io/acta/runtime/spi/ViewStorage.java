package io.acta.runtime.spi;

import io.acta.api.view.Versioned;
import io.acta.api.view.ViewEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.pekko.NotUsed;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.AtLeastOnceProjection;
import org.apache.pekko.projection.javadsl.GroupedProjection;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Where a store keeps views, their versions and the projections' offsets, and how it reads its
 * journal's slices. The projection engine of the runtime drives it; all row names passed in are
 * storage names ({@link ViewVersions#storage}). Asynchronous methods never block the caller.
 */
public interface ViewStorage extends AutoCloseable {

  /**
   * Folds {@code events}, all of which change the shared row of {@code key} (one many entities may
   * fold into), into the view exactly once and in their order, as {@link RowChange} decides: events
   * the row's {@link WriterMarks} show as applied are passed over, the rest are written with the
   * writer's next marks in one atomic write that a concurrent writer of the row makes start again.
   * An event the view's code fails on completes the stage with a {@link RowChange.FoldFailure} once
   * the events before it are written. Completes with the row as written, when any of the events was
   * new to it (the write may hold other writers' events of the same row too), so that what waits
   * for the change needs no read; empty when the row had applied them all before.
   *
   * @param writer the slice (its tag) whose projection writes
   * @param run this run of that projection
   * @param progress per source, a sequence number the view's recorded progress has reached (0 when
   *     not known), for {@link WriterMarks#next}
   */
  <V> CompletionStage<Optional<V>> applyAll(
      ViewFold<V> fold,
      String view,
      String key,
      List<ViewEvent<?>> events,
      String writer,
      String run,
      ToLongFunction<String> progress);

  /**
   * The row of {@code key} of a view with a row per entity, with its bookkeeping; {@code source} is
   * the entity's persistence id.
   */
  <V> CompletionStage<Optional<OwnedRow<V>>> readOwned(String view, String key, String source);

  /**
   * Writes the row of {@code key} of a view with a row per entity without reading it or conditions:
   * its single writer knows {@code before} (null for a new row). Writes carry a write time that
   * grows with {@link OwnedRow#seq}, so of two writers for a moment (a slice moving between nodes)
   * the one further along wins, whichever writes last. Also lists the key of a new row and keeps
   * the row's index entries, before the row itself: the row, with its sequence number, records that
   * its entity's events up to that number were processed, so once it is written nothing beside it
   * is left to do.
   */
  <V> CompletionStage<Void> writeOwned(
      ViewFold<V> fold, String view, String key, OwnedRow<V> before, OwnedRow<V> after);

  /**
   * Marks that a run of projection {@code id}, which writes one slice of {@code view}, begins, and
   * tells whether it is the slice's first: true when no run was marked before and the projection
   * has stored no offset, so that the view holds no row and no progress of the slice's entities
   * yet, and the run may take an entity it meets from its first event on as empty without reading
   * it (a rebuild into a new version, a view's first start). Completes once the mark is written, so
   * a later run, after a crash of this one, reads what this one wrote.
   */
  CompletionStage<Boolean> startRun(String view, ProjectionId id);

  /**
   * Records that {@code view} has processed {@code source} (a persistence id) up to {@code seq}.
   */
  CompletionStage<Void> recordProgress(String view, String source, long seq);

  /** The last sequence number of {@code source} that {@code view} has processed; 0 for none. */
  CompletionStage<Long> progress(String view, String source);

  /**
   * Records an operator's decision that the view ({@code view} is its name) pass over one event.
   */
  CompletionStage<Void> skip(String view, String source, long seq);

  /** The events the view is to pass over, as {@code persistenceId#seq}. */
  CompletionStage<Set<String>> skips(String view);

  /** The row of {@code key}, if any event reached it. */
  <V> CompletionStage<Optional<V>> get(String view, String key);

  /** The row of {@code key} with its version, which grows by one with each change of the row. */
  <V> CompletionStage<Optional<Versioned<V>>> getVersioned(String view, String key);

  /**
   * The version ({@link #getVersioned}'s) of each row of {@code keys} that exists, without the
   * rows: one request for many keys, for what only needs to know whether a row changed.
   */
  CompletionStage<Map<String, Long>> rowVersions(String view, List<String> keys);

  /**
   * Up to {@code limit} keys after {@code after} (exclusive; "" for the first page), in key order.
   */
  CompletionStage<List<String>> keys(String view, String after, int limit);

  /**
   * Up to {@code limit} keys whose row has {@code value} in the indexed {@code field}, after {@code
   * after}.
   */
  CompletionStage<List<String>> keysByIndex(
      String view, String field, String value, String after, int limit);

  /**
   * The versions of {@code view} (its name), recording {@link ViewVersions#FIRST} the first time.
   */
  ViewVersions ensureVersions(String view);

  /** The versions of {@code view}, as agreed by every node. */
  CompletionStage<ViewVersions> versions(String view);

  /**
   * Starts building {@code serving + 1}; false when another rebuild runs or the serving version
   * moved.
   */
  boolean startBuilding(String view, int serving);

  /** Makes {@code building} the serving version; false when it is not the version being built. */
  boolean switchOver(String view, int building);

  /**
   * How many events of {@code tag} the journal holds after {@code offset}; all of them when empty.
   */
  long eventsAfter(String tag, Optional<Offset> offset);

  /**
   * What a view or reaction has not processed of {@code tag}: the events after {@code offset}, and
   * those that may still appear behind it, whose sequence number is above {@code processed} for
   * their entity; every event of the tag when {@code offset} is empty.
   *
   * @param processed given, per source (a persistence id) of the events that may still be
   *     unprocessed, the newest of its sequence numbers among them, the last sequence number
   *     processed of each (a source left out: none); called at most once per call, with all of
   *     them, where blocking is allowed
   */
  Backlog backlog(
      String tag,
      Optional<Offset> offset,
      Function<Map<String, Long>, Map<String, Long>> processed);

  /**
   * Events a view has not processed yet, and when the oldest of them was written.
   *
   * @param events how many
   * @param oldest when the oldest was written; empty when there is none
   */
  record Backlog(long events, Optional<Instant> oldest) {
    /** Nothing left to process. */
    public static final Backlog NONE = new Backlog(0, Optional.empty());
  }

  /**
   * When the newest event of {@code tag} was written, if it has any: with the oldest (see {@link
   * #backlog}), the span of time a projection's offset crosses from the start of the journal to its
   * end.
   */
  Optional<Instant> newestEvent(String tag);

  /** When the event at {@code offset} was written, if the offset tells. */
  Optional<Instant> timeOf(Offset offset);

  /**
   * The events of {@code persistenceId} from {@code fromSeq} to {@code toSeq} (inclusive) as its
   * journal holds them, in order, as a tag's stream would deliver them.
   */
  CompletionStage<List<EventEnvelope<Object>>> journalEvents(
      String persistenceId, long fromSeq, long toSeq);

  /**
   * The persistence id of every entity with events in the journal, each once, in no particular
   * order: with {@link #journalEvents}, how a view's projection without an offset reads its slice
   * entity by entity. An id is listed before its entity's first event is written. Empty when the
   * journal keeps no list of its ids.
   */
  Optional<Source<String, NotUsed>> persistenceIds();

  /**
   * The offset a projection stores once it has processed every event {@link #eventsByTag} delivers
   * up to {@code time}: the source provider, given it as the stored offset, resumes there (with its
   * look-back for late events, as after any restart).
   */
  Offset offsetAt(Instant time);

  /** The events of one tag as a projection reads them, from its stored offset on. */
  SourceProvider<Offset, EventEnvelope<Object>> eventsByTag(String tag);

  /**
   * A projection that handles {@code events} (of one tag, offsets as {@link #eventsByTag} gives
   * them) in groups, offsets kept by the store.
   */
  GroupedProjection<Offset, EventEnvelope<Object>> groupedProjection(
      ProjectionId id,
      SourceProvider<Offset, EventEnvelope<Object>> events,
      Supplier<Handler<List<EventEnvelope<Object>>>> handler);

  /** A projection over one tag that handles one event at a time, at least once. */
  AtLeastOnceProjection<Offset, EventEnvelope<Object>> atLeastOnceProjection(
      ProjectionId id, String tag, Supplier<Handler<EventEnvelope<Object>>> handler);

  /** Releases connections. */
  @Override
  void close();
}
