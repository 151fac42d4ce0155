package io.acta.runtime.internal.views;

import io.acta.api.entity.PersistenceId;
import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.ViewEvent;
import io.acta.runtime.internal.entity.IdempotencyRecorded;
import io.acta.runtime.spi.OwnedRow;
import io.acta.runtime.spi.RowChange;
import io.acta.runtime.spi.ViewFold;
import io.acta.runtime.spi.ViewStorage;
import io.acta.runtime.spi.ViewVersions;
import io.acta.runtime.spi.WriterMarks;
import io.opentelemetry.api.trace.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds a group of one slice's events into one view: the events of each row key together, in the
 * events' order, rows in parallel, then each source's progress (which a row per entity carries
 * itself, see {@link ViewProgress}). The projection stores its offset only after the whole group,
 * so a crash redelivers the group, and what was applied is recognized: first by the sources'
 * recorded progress ({@link GapFilling}, which also reads from the journal the events their tag did
 * not deliver), then by the rows' own bookkeeping:
 *
 * <ul>
 *   <li>a row per entity ({@link io.acta.api.view.ViewType#rowPerEntity()}) has this projection as
 *       its single writer: it keeps the rows it wrote last in memory and writes each changed row
 *       once, without a read or a condition; the row's sequence number, its entity's progress,
 *       recognizes redelivery;
 *   <li>a shared row, which many entities fold into, is read and written conditionally, with this
 *       run's {@link WriterMarks}.
 * </ul>
 *
 * <p>An event the view fails on is reported with its persistence id and sequence number, and the
 * projection stops there (after its retries) until the view is fixed or an operator skips the
 * event: never silently.
 */
final class ViewHandler<V> extends Handler<List<EventEnvelope<Object>>> {
  private static final Logger log = LoggerFactory.getLogger(ViewHandler.class);

  /**
   * How much of its own writing one slice's projection keeps in memory, and how many store requests
   * it has outstanding at most.
   */
  record Limits(int rowsInMemory, int progressInMemory, int inFlight) {}

  private final ViewStorage store;
  private final ViewFold<V> fold;
  private final String storageName;
  private final int version;
  private final String slice;
  private final Limits limits;
  private final ViewChanges changes;
  private final AtomicLong processed;
  private final AtomicReference<ProjectionStatus.Failure> failure;
  private final ProjectionId id;
  private volatile Set<String> skips = Set.of();
  private volatile String run = "";
  private volatile boolean firstRun;

  /**
   * Rows this run wrote or read last, by key; empty for a row known not to exist (this projection
   * is its only writer, so it stays so until written here).
   */
  private volatile Recent<String, Optional<OwnedRow<V>>> rows;

  private final GapFilling gaps;

  ViewHandler(
      ViewStorage store,
      ViewFold<V> fold,
      ProjectionId id,
      int version,
      String slice,
      Limits limits,
      ViewChanges changes,
      AtomicLong processed,
      AtomicReference<ProjectionStatus.Failure> failure) {
    this.store = store;
    this.fold = fold;
    this.id = id;
    this.storageName = ViewVersions.storage(fold.type().name(), version);
    this.version = version;
    this.slice = slice;
    this.limits = limits;
    this.changes = changes;
    this.processed = processed;
    this.failure = failure;
    this.gaps =
        new GapFilling(
            fold.type().isRowPerEntity() ? this::progressOfOwner : this::progressRecorded,
            store::journalEvents,
            storageName,
            limits.progressInMemory(),
            limits.inFlight());
    forget();
  }

  /**
   * A fresh run: what an earlier run wrote is read from the store again, and rows it marked are
   * recognized as another run's.
   */
  private void forget() {
    run = UUID.randomUUID().toString();
    rows = new Recent<>(limits.rowsInMemory());
    gaps.reset();
  }

  private CompletionStage<Long> progressRecorded(String source, long firstDelivered) {
    if (nothingStored(firstDelivered)) return done(0L);
    return store.progress(storageName, source);
  }

  /**
   * How far this view processed {@code source}, for a view with a row per entity: its row records
   * it (see {@link ViewProgress}), and is kept in memory for the fold that follows, as is its
   * absence.
   */
  private CompletionStage<Long> progressOfOwner(String source, long firstDelivered) {
    String key = PersistenceId.parse(source).entityId();
    if (nothingStored(firstDelivered)) {
      rows.put(key, Optional.empty());
      return done(0L);
    }
    return store
        .progress(storageName, source)
        .thenCombine(
            store.<V>readOwned(storageName, key, source),
            (recorded, row) -> {
              rows.put(key, row);
              return Math.max(recorded, row.map(OwnedRow::seq).orElse(0L));
            });
  }

  /**
   * Whether the store holds nothing of an entity whose first event in a group is {@code
   * firstDelivered}, without asking it: in the slice's first run (see {@link ViewStorage#startRun})
   * an entity met from its first event on, and not met before in this run (the run still remembers
   * every entity it met), was never written. A rebuild into a new version reads nothing this way.
   */
  private boolean nothingStored(long firstDelivered) {
    return firstRun && firstDelivered == 1 && gaps.rememberedAll();
  }

  /**
   * Each (re)start begins a new run, marked in the store (is it the slice's first?), and reads the
   * events operators told the view to skip.
   */
  @Override
  public CompletionStage<Done> start() {
    forget();
    firstRun = false;
    return store
        .startRun(storageName, id)
        .thenCombine(
            store.skips(fold.type().name()),
            (first, s) -> {
              firstRun = first;
              skips = Set.copyOf(s);
              if (first)
                log.info(
                    "View '{}' version {}, slice {}: first run, folds into an empty store",
                    fold.type().name(),
                    version,
                    slice);
              return Done.getInstance();
            });
  }

  @Override
  public CompletionStage<Done> process(List<EventEnvelope<Object>> group) {
    try {
      FaultInjection.runBeforeViewWrite();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    List<EventEnvelope<Object>> delivered = withoutHandOver(group);
    if (delivered.isEmpty()) return done(Done.getInstance()); // only its offset is stored
    return gaps.complete(delivered)
        .handle(
            (whole, error) -> {
              if (error == null) return foldGroup(whole);
              Throwable cause = error instanceof CompletionException c ? c.getCause() : error;
              report(Envelopes.toViewEvent(delivered.get(0)), cause);
              return CompletableFuture.<Done>failedFuture(cause);
            })
        .thenCompose(stage -> stage);
  }

  /** The group's events without the mark of a hand-over from the journal to events-by-tag. */
  private static List<EventEnvelope<Object>> withoutHandOver(List<EventEnvelope<Object>> group) {
    for (EventEnvelope<Object> e : group) {
      if (JournalReplay.isHandOver(e))
        return group.stream().filter(x -> !JournalReplay.isHandOver(x)).toList();
    }
    return group;
  }

  private CompletionStage<Done> foldGroup(List<EventEnvelope<Object>> envelopes) {
    if (envelopes.isEmpty()) return done(Done.getInstance());
    List<Span> spans = new ArrayList<>();
    return foldGroup(envelopes, spans).whenComplete((d, error) -> EventSpans.end(spans, error));
  }

  /** Folds the group's events, each under a span added to {@code spans}. */
  private CompletionStage<Done> foldGroup(List<EventEnvelope<Object>> envelopes, List<Span> spans) {
    Map<String, List<ViewEvent<?>>> byKey = new LinkedHashMap<>();
    Map<String, Long> progress = new LinkedHashMap<>();
    for (EventEnvelope<Object> envelope : envelopes) {
      String pid = envelope.persistenceId();
      long seq = envelope.sequenceNr();
      progress.merge(pid, seq, Math::max); // every event counts as processed, folded or not
      if (skips.contains(pid + "#" + seq)) {
        log.warn(
            "View '{}' passes over {} #{}, as an operator asked", fold.type().name(), pid, seq);
        continue;
      }
      // The runtime's own idempotency records are no user's events: no view folds them.
      if (!IdempotencyRecorded.isUserEvent(envelope.event())) continue;
      ViewEvent<Object> event = Envelopes.toViewEvent(envelope);
      spans.add(EventSpans.start("view", fold.type().name(), envelope));
      String key;
      try {
        key = fold.keyOf(event);
      } catch (RuntimeException e) {
        return failed(event, e);
      }
      if (key != null) byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
    }
    boolean shared = !fold.type().isRowPerEntity();
    CompletableFuture<List<Optional<V>>> written =
        InFlight.run(
            List.copyOf(byKey.entrySet()),
            limits.inFlight(),
            row ->
                shared
                    ? store.applyAll(
                        fold, storageName, row.getKey(), row.getValue(), slice, run, gaps::recorded)
                    : applyOwned(row.getKey(), row.getValue(), progress));
    return finish(envelopes, byKey, written, progress);
  }

  private CompletionStage<Done> finish(
      List<EventEnvelope<Object>> envelopes,
      Map<String, List<ViewEvent<?>>> byKey,
      CompletableFuture<List<Optional<V>>> written,
      Map<String, Long> progress) {
    // The rows are stored once `written` completes: what waits for them (read-your-writes, live
    // updates) is told then, not after the progress writes, which only let a redelivery pass over
    // the group cheaply (the rows' own bookkeeping recognizes it too). This node's waiters get the
    // rows as written, with no read.
    return written
        .thenRun(
            () -> {
              Map<String, Object> rows = changed(List.copyOf(byKey.keySet()), written.join());
              changes.publish(
                  fold.type().name(), version, List.copyOf(rows.keySet()), progress, rows);
            })
        .thenRun(FaultInjection::runBeforeProgress)
        .thenCompose(
            d ->
                GroupProgress.record(
                    store,
                    storageName,
                    unrecorded(progress, byKey, written.join()),
                    limits.inFlight()))
        .thenRun(() -> gaps.recorded(progress))
        .handle(
            (d, error) -> {
              if (error != null) {
                Throwable cause =
                    error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
                ViewEvent<?> at =
                    cause instanceof RowChange.FoldFailure f
                        ? f.event()
                        : firstOf(byKey, envelopes);
                report(at, cause instanceof RowChange.FoldFailure ? cause.getCause() : cause);
                throw new CompletionException(cause);
              }
              failure.set(null);
              processed.addAndGet(envelopes.size());
              FaultInjection.runAfterViewWrite();
              return Done.getInstance();
            });
  }

  /**
   * The progress the group's rows did not record already: a row per entity written in this group
   * carries its entity's progress ({@link #applyOwned}), so only the entities without a row write
   * (events the view ignores, or all delivered again) need a progress write of their own.
   */
  private Map<String, Long> unrecorded(
      Map<String, Long> progress,
      Map<String, List<ViewEvent<?>>> byKey,
      List<Optional<V>> written) {
    if (!fold.type().isRowPerEntity()) return progress;
    Map<String, Long> out = new LinkedHashMap<>(progress);
    int i = 0;
    for (List<ViewEvent<?>> events : byKey.values()) {
      if (written.get(i++).isPresent()) out.remove(events.get(0).persistenceId());
    }
    return out;
  }

  /**
   * Folds one entity's events into its row: from the row this run wrote last, or as stored; writes
   * it once if anything is new, with the entity's progress in the group ({@code processed}: events
   * the view ignores count too) as the row's sequence number. Completes with the row as written, or
   * empty when every event was applied before.
   */
  private CompletionStage<Optional<V>> applyOwned(
      String key, List<ViewEvent<?>> events, Map<String, Long> processed) {
    String source = events.get(0).persistenceId();
    Optional<OwnedRow<V>> inMemory = rows.get(key);
    CompletionStage<Optional<OwnedRow<V>>> stored =
        inMemory != null ? done(inMemory) : store.readOwned(storageName, key, source);
    return stored.thenCompose(
        found -> {
          OwnedRow<V> before = found.orElse(null);
          RowChange<V> change =
              RowChange.decide(
                  fold,
                  key,
                  before == null ? null : before.row(),
                  before == null ? Map.of() : Map.of(source, before.seq()),
                  events);
          if (!change.changed()) {
            if (change.failure() != null) return CompletableFuture.failedFuture(change.failure());
            rows.put(key, found);
            return done(Optional.<V>empty());
          }
          OwnedRow<V> after =
              new OwnedRow<>(
                  change.after(),
                  before == null ? 1 : before.version() + 1,
                  change.failure() == null
                      ? processed.get(source)
                      : change.newlyApplied().get(source));
          return store
              .writeOwned(fold, storageName, key, before, after)
              .handle(
                  (d, error) -> {
                    if (error != null) {
                      rows.remove(key); // written or not: read it again next time
                      throw error instanceof CompletionException c
                          ? c
                          : new CompletionException(error);
                    }
                    rows.put(key, Optional.of(after));
                    if (change.failure() != null) throw change.failure();
                    return Optional.of(after.row());
                  });
        });
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  /**
   * The rows the group wrote, by key, in the keys' order (not those whose events were all applied
   * before).
   */
  private static <V> Map<String, Object> changed(List<String> keys, List<Optional<V>> rows) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Optional<V> row = rows.get(i);
      if (row.isPresent()) out.put(keys.get(i), row.get());
    }
    return out;
  }

  private CompletionStage<Done> failed(ViewEvent<?> event, RuntimeException error) {
    report(event, error);
    return CompletableFuture.failedFuture(error);
  }

  private void report(ViewEvent<?> event, Throwable cause) {
    String pid = event.persistenceId();
    failure.set(
        new ProjectionStatus.Failure(pid, event.sequenceNr(), cause.toString(), Instant.now()));
    log.error(
        "View '{}' failed on {} #{} ({}): {}. It retries, then stops at this event until the view"
            + " is fixed or an operator skips it (Projections.skip).",
        fold.type().name(),
        pid,
        event.sequenceNr(),
        event.payload().getClass().getSimpleName(),
        cause.toString());
  }

  /**
   * Where a storage failure is reported: the group's first event (the one a restart begins with).
   */
  private static ViewEvent<?> firstOf(
      Map<String, List<ViewEvent<?>>> byKey, List<EventEnvelope<Object>> envelopes) {
    return byKey.values().stream()
        .flatMap(List::stream)
        .findFirst()
        .orElseGet(() -> Envelopes.toViewEvent(envelopes.get(0)));
  }
}
