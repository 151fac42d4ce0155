package io.acta.projection.internal;

import io.acta.persistence.internal.IdempotencyRecorded;
import io.acta.projection.ProjectionStatus;
import io.acta.projection.ViewEvent;
import java.time.Instant;
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
 * Folds each event of one slice into one view, through the {@link ViewStore}. An event the view fails
 * on is reported with its persistence id and sequence number, and the projection stops there (after
 * its retries) until the view is fixed or an operator skips the event: never silently.
 */
public final class ViewHandler<V> extends Handler<EventEnvelope<Object>> {
  private static final Logger log = LoggerFactory.getLogger(ViewHandler.class);

  private final ViewStore store;
  private final ViewFold<V> fold;
  private final String storageName;
  private final AtomicLong processed;
  private final AtomicReference<ProjectionStatus.Failure> failure;
  private volatile Set<String> skips = Set.of();

  public ViewHandler(ViewStore store, ViewFold<V> fold, String storageName, AtomicLong processed,
                     AtomicReference<ProjectionStatus.Failure> failure) {
    this.store = store;
    this.fold = fold;
    this.storageName = storageName;
    this.processed = processed;
    this.failure = failure;
  }

  /** Each (re)start reads the events operators told the view to skip. */
  @Override
  public CompletionStage<Done> start() {
    return store.skips(fold.type().name()).thenApply(s -> {
      skips = Set.copyOf(s);
      return Done.getInstance();
    });
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<Object> envelope) {
    String pid = envelope.persistenceId();
    long seq = envelope.sequenceNr();
    if (skips.contains(pid + "#" + seq)) {
      log.warn("View '{}' passes over {} #{}, as an operator asked", fold.type().name(), pid, seq);
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    if (envelope.event() instanceof IdempotencyRecorded) {
      // The runtime's own record, not the user's: no view folds it, but the position counts.
      return store.recordProgress(storageName, pid, seq).thenApply(d -> Done.getInstance());
    }
    ViewEvent<Object> event = Envelopes.toViewEvent(envelope);
    CompletionStage<ViewStore.Applied> applied;
    try {
      applied = store.apply(fold, storageName, event);
    } catch (RuntimeException e) {
      applied = CompletableFuture.failedFuture(e);
    }
    return applied.handle((a, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        failure.set(new ProjectionStatus.Failure(pid, seq, cause.toString(), Instant.now()));
        log.error("View '{}' failed on {} #{} ({}): {}. It retries, then stops at this event until the view is fixed"
            + " or an operator skips it (Projections.skip).", fold.type().name(), pid, seq,
            envelope.event().getClass().getSimpleName(), cause.toString());
        throw new CompletionException(cause);
      }
      failure.set(null);
      processed.incrementAndGet();
      FaultInjection.runAfterViewWrite();
      return Done.getInstance();
    });
  }
}
