package io.acta.runtime.internal.views;

import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.ViewEvent;
import io.acta.runtime.internal.entity.IdempotencyRecorded;
import io.acta.runtime.spi.RowChange;
import io.acta.runtime.spi.ViewFold;
import io.acta.runtime.spi.ViewStorage;
import io.acta.runtime.spi.ViewVersions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds a group of one slice's events into one view, through the {@link ViewStore}: the events of
 * each row key together (one read and one conditional write per row, in the events' order), rows in
 * parallel, then each source's progress. The projection stores its offset only after the whole
 * group, so a crash redelivers the group and the rows' bookkeeping recognizes what was applied.
 *
 * <p>An event the view fails on is reported with its persistence id and sequence number, and the
 * projection stops there (after its retries) until the view is fixed or an operator skips the
 * event: never silently.
 */
final class ViewHandler<V> extends Handler<List<EventEnvelope<Object>>> {
  private static final Logger log = LoggerFactory.getLogger(ViewHandler.class);

  private final ViewStorage store;
  private final ViewFold<V> fold;
  private final String storageName;
  private final int version;
  private final ViewChanges changes;
  private final AtomicLong processed;
  private final AtomicReference<ProjectionStatus.Failure> failure;
  private volatile Set<String> skips = Set.of();

  ViewHandler(
      ViewStorage store,
      ViewFold<V> fold,
      int version,
      ViewChanges changes,
      AtomicLong processed,
      AtomicReference<ProjectionStatus.Failure> failure) {
    this.store = store;
    this.fold = fold;
    this.storageName = ViewVersions.storage(fold.type().name(), version);
    this.version = version;
    this.changes = changes;
    this.processed = processed;
    this.failure = failure;
  }

  /** Each (re)start reads the events operators told the view to skip. */
  @Override
  public CompletionStage<Done> start() {
    return store
        .skips(fold.type().name())
        .thenApply(
            s -> {
              skips = Set.copyOf(s);
              return Done.getInstance();
            });
  }

  @Override
  public CompletionStage<Done> process(List<EventEnvelope<Object>> envelopes) {
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
      String key;
      try {
        key = fold.keyOf(event);
      } catch (RuntimeException e) {
        return failed(event, e);
      }
      if (key != null) byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
    }
    List<CompletableFuture<ViewStorage.Applied>> rows = new ArrayList<>();
    for (Map.Entry<String, List<ViewEvent<?>>> row : byKey.entrySet()) {
      CompletionStage<ViewStorage.Applied> applied;
      try {
        applied = store.applyAll(fold, storageName, row.getKey(), row.getValue());
      } catch (RuntimeException e) {
        applied = CompletableFuture.failedFuture(e);
      }
      rows.add(applied.toCompletableFuture());
    }
    List<String> keys = List.copyOf(byKey.keySet());
    return CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new))
        .thenCompose(d -> GroupProgress.record(store, storageName, progress))
        .thenRun(() -> changes.publish(fold.type().name(), version, changed(keys, rows), progress))
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

  /** The keys of the rows the group wrote (not those whose events were all applied before). */
  private static List<String> changed(
      List<String> keys, List<CompletableFuture<ViewStorage.Applied>> rows) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++)
      if (rows.get(i).join() == ViewStorage.Applied.APPLIED) out.add(keys.get(i));
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
