package io.acta.runtime.internal.views;

import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.ViewEvent;
import io.acta.runtime.EventFeed;
import io.acta.runtime.FeedDeliveryException;
import io.acta.runtime.internal.entity.IdempotencyRecorded;
import io.acta.runtime.spi.Traces;
import io.acta.runtime.spi.ViewStorage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
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
 * Hands a group of one slice's events to an {@link EventFeed}'s delivery in one call, then records
 * each source's progress. The group is made whole by {@link GapFilling} first (events the tag query
 * missed are read from the journal, events already delivered are left out), so the feed misses none
 * and sends few again. The projection stores its offset only after the group: a crash hands it over
 * again.
 */
final class FeedHandler<E> extends Handler<List<EventEnvelope<Object>>> {
  private static final Logger log = LoggerFactory.getLogger(FeedHandler.class);

  private final EventFeed<E> feed;
  private final ViewStorage store;
  private final String progressName;
  private final AtomicLong processed;
  private final AtomicReference<ProjectionStatus.Failure> failure;
  private final GapFilling gaps;
  private final int inFlight;
  private volatile Set<String> skips = Set.of();

  FeedHandler(
      EventFeed<E> feed,
      ViewStorage store,
      String progressName,
      int progressInMemory,
      int inFlight,
      AtomicLong processed,
      AtomicReference<ProjectionStatus.Failure> failure) {
    this.feed = feed;
    this.store = store;
    this.progressName = progressName;
    this.inFlight = inFlight;
    this.gaps = new GapFilling(store, progressName, progressInMemory, inFlight);
    this.processed = processed;
    this.failure = failure;
  }

  /** Each (re)start reads the skips operators asked for, and progress again as needed. */
  @Override
  public CompletionStage<Done> start() {
    gaps.reset();
    return store
        .skips(progressName)
        .thenApply(
            s -> {
              skips = Set.copyOf(s);
              return Done.getInstance();
            });
  }

  @Override
  public CompletionStage<Done> process(List<EventEnvelope<Object>> delivered) {
    return gaps.complete(delivered).thenCompose(this::handleGroup);
  }

  private CompletionStage<Done> handleGroup(List<EventEnvelope<Object>> envelopes) {
    List<Span> spans = new ArrayList<>();
    List<ViewEvent<E>> traced = new ArrayList<>();
    return handleGroup(envelopes, spans, traced)
        .whenComplete(
            (d, error) -> {
              traced.forEach(Traces::handled);
              EventSpans.end(spans, error);
            });
  }

  /**
   * Delivers the group's events, each under a span added to {@code spans}; those in a trace are
   * added to {@code traced}, their delivery finding the trace through {@link Traces#of}.
   */
  private CompletionStage<Done> handleGroup(
      List<EventEnvelope<Object>> envelopes, List<Span> spans, List<ViewEvent<E>> traced) {
    Map<String, Long> progress = new LinkedHashMap<>();
    List<ViewEvent<E>> events = new ArrayList<>(envelopes.size());
    for (EventEnvelope<Object> envelope : envelopes) {
      progress.merge(envelope.persistenceId(), envelope.sequenceNr(), Math::max);
      if (!IdempotencyRecorded.isUserEvent(envelope.event())) continue;
      if (skips.contains(envelope.persistenceId() + "#" + envelope.sequenceNr())) {
        log.warn(
            "Feed '{}' passes over {} #{}, as an operator asked",
            feed.name(),
            envelope.persistenceId(),
            envelope.sequenceNr());
        continue;
      }
      ViewEvent<E> event = Envelopes.toViewEvent(envelope);
      Span span = EventSpans.start("feed", feed.name(), envelope);
      spans.add(span);
      String trace = Traces.traceparent(Context.root().with(span));
      if (trace != null) {
        Traces.handling(event, trace);
        traced.add(event);
      }
      events.add(event);
    }
    return deliver(events)
        .thenRun(FaultInjection::runBeforeProgress)
        .thenCompose(d -> GroupProgress.record(store, progressName, progress, inFlight))
        .thenRun(() -> gaps.recorded(progress))
        .thenApply(
            d -> {
              failure.set(null);
              processed.addAndGet(envelopes.size());
              return Done.getInstance();
            });
  }

  private CompletableFuture<Void> deliver(List<ViewEvent<E>> events) {
    if (events.isEmpty()) return CompletableFuture.completedFuture(null);
    CompletionStage<Void> delivered;
    try {
      delivered = feed.delivery().deliver(List.copyOf(events));
    } catch (RuntimeException e) {
      delivered = CompletableFuture.failedFuture(e);
    }
    return delivered
        .toCompletableFuture()
        .exceptionallyCompose(error -> failed(events.getFirst(), unwrap(error)));
  }

  private CompletableFuture<Void> failed(ViewEvent<E> first, Throwable cause) {
    ViewEvent<?> event = cause instanceof FeedDeliveryException f ? f.event() : first;
    Throwable reason = cause instanceof FeedDeliveryException f ? f.getCause() : cause;
    failure.set(
        new ProjectionStatus.Failure(
            event.persistenceId(), event.sequenceNr(), String.valueOf(reason), Instant.now()));
    log.error(
        "Feed '{}' failed on {} #{}: {}. It retries, then stops at this event until it is fixed or"
            + " an operator skips it.",
        feed.name(),
        event.persistenceId(),
        event.sequenceNr(),
        String.valueOf(reason));
    return CompletableFuture.failedFuture(
        cause instanceof CompletionException ? cause : new CompletionException(cause));
  }

  private static Throwable unwrap(Throwable error) {
    while (error instanceof CompletionException && error.getCause() != null)
      error = error.getCause();
    return error;
  }
}
