package io.acta.runtime.internal.views;

import io.acta.api.entity.CommandRejectedException;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.ReplyType;
import io.acta.api.reaction.ReactionType;
import io.acta.api.reaction.Send;
import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.ViewEvent;
import io.acta.runtime.ActaNode;
import io.acta.runtime.internal.entity.IdempotencyRecorded;
import io.acta.runtime.spi.ViewStorage;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * Sends what a {@link ReactionType} makes of a group of one slice's events: the events of each
 * source entity one after the other (each event's commands in order, each answered before the
 * next), entities in parallel; then each source's progress. The projection stores its offset only
 * after the whole group, so a crash sends the group again, under the same idempotency keys: the
 * targets recognise what they applied.
 *
 * <p>A command's key is {@link ReactionType#keyOf}: stable across redeliveries, distinct across
 * reactions and events.
 */
final class ReactionHandler<E> extends Handler<List<EventEnvelope<Object>>> {
  private static final Logger log = LoggerFactory.getLogger(ReactionHandler.class);

  private final ReactionType<E> reaction;
  private final ActaNode node;
  private final ViewStorage store;
  private final String progressName;
  private final AtomicLong processed;
  private final AtomicReference<ProjectionStatus.Failure> failure;
  private final Counter sent;
  private final Counter rejected;
  private final GapFilling gaps;
  private final int inFlight;
  private volatile Set<String> skips = Set.of();

  ReactionHandler(
      ReactionType<E> reaction,
      ActaNode node,
      ViewStorage store,
      String progressName,
      int progressInMemory,
      int inFlight,
      AtomicLong processed,
      AtomicReference<ProjectionStatus.Failure> failure) {
    this.reaction = reaction;
    this.node = node;
    this.store = store;
    this.progressName = progressName;
    this.inFlight = inFlight;
    this.gaps = new GapFilling(store, progressName, progressInMemory, inFlight);
    this.processed = processed;
    this.failure = failure;
    this.sent =
        Counter.builder("acta.reaction.commands")
            .description("Commands reactions sent that their targets accepted")
            .tags("reaction", reaction.name(), "outcome", "accepted")
            .register(node.meters());
    this.rejected =
        Counter.builder("acta.reaction.commands")
            .description("Commands reactions sent that their targets refused")
            .tags("reaction", reaction.name(), "outcome", "rejected")
            .register(node.meters());
  }

  /**
   * Each (re)start reads the events operators told the reaction to skip, and progress again as
   * needed.
   */
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

  /**
   * Handles the group made whole by {@link GapFilling}: without events already handled, with the
   * events their tag did not deliver.
   */
  @Override
  public CompletionStage<Done> process(List<EventEnvelope<Object>> delivered) {
    return gaps.complete(delivered).thenCompose(this::handleGroup);
  }

  private CompletionStage<Done> handleGroup(List<EventEnvelope<Object>> envelopes) {
    Map<String, List<EventEnvelope<Object>>> bySource = new LinkedHashMap<>();
    Map<String, Long> progress = new LinkedHashMap<>();
    for (EventEnvelope<Object> envelope : envelopes) {
      progress.merge(envelope.persistenceId(), envelope.sequenceNr(), Math::max);
      bySource.computeIfAbsent(envelope.persistenceId(), k -> new ArrayList<>()).add(envelope);
    }
    List<CompletableFuture<Void>> sources = new ArrayList<>();
    for (List<EventEnvelope<Object>> events : bySource.values()) {
      CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
      for (EventEnvelope<Object> envelope : events)
        chain = chain.thenCompose(d -> handle(envelope));
      sources.add(chain);
    }
    return CompletableFuture.allOf(sources.toArray(CompletableFuture[]::new))
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

  /** Sends the commands of one event, one after the other; fails as the first failure does. */
  private CompletableFuture<Void> handle(EventEnvelope<Object> envelope) {
    String pid = envelope.persistenceId();
    long seq = envelope.sequenceNr();
    if (!IdempotencyRecorded.isUserEvent(envelope.event()))
      return CompletableFuture.completedFuture(null);
    if (skips.contains(pid + "#" + seq)) {
      log.warn("Reaction '{}' passes over {} #{}, as an operator asked", reaction.name(), pid, seq);
      return CompletableFuture.completedFuture(null);
    }
    ViewEvent<E> event = Envelopes.toViewEvent(envelope);
    Span span = EventSpans.start("reaction", reaction.name(), envelope);
    return react(event, span).whenComplete((d, error) -> EventSpans.end(List.of(span), error));
  }

  /** The commands of one event, sent in {@code span}'s trace (each carries it to its entity). */
  private CompletableFuture<Void> react(ViewEvent<E> event, Span span) {
    List<Send<?>> sends;
    try {
      sends = Objects.requireNonNull(reaction.reaction().react(event), "react returned null");
    } catch (RuntimeException e) {
      return failed(event, e);
    }
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (int i = 0; i < sends.size(); i++) {
      Send<?> send = sends.get(i);
      String key = reaction.keyOf(event, i);
      chain =
          chain.thenCompose(Context.current().with(span).wrapFunction(d -> send(event, send, key)));
    }
    return chain;
  }

  private CompletableFuture<Void> send(ViewEvent<E> event, Send<?> send, String key) {
    ReplyType<?> command;
    try {
      command = send.command().apply(key);
      if (!(command instanceof Idempotent idempotent) || !key.equals(idempotent.idempotencyKey()))
        throw new IllegalStateException(
            "reaction '"
                + reaction.name()
                + "' built a command that does not carry the key it was given: it must implement"
                + " Idempotent and return that key, or a redelivered event would apply it twice");
      var target = node.entity(send.type().name(), send.entityId());
      return target
          .ask(command)
          .handle(
              (reply, error) -> {
                Throwable cause = unwrap(error);
                if (cause == null) {
                  sent.increment();
                  return CompletableFuture.<Void>completedFuture(null);
                }
                if (cause instanceof CommandRejectedException r) {
                  // A rejection is the target's answer, given once and for all: go on.
                  rejected.increment();
                  log.info(
                      "Reaction '{}': {} {} refused the command for {} #{}: {}",
                      reaction.name(),
                      send.type().name(),
                      send.entityId(),
                      event.persistenceId(),
                      event.sequenceNr(),
                      r.rejection().reason());
                  return CompletableFuture.<Void>completedFuture(null);
                }
                return this.<Void>failed(event, cause);
              })
          .thenCompose(f -> f)
          .toCompletableFuture();
    } catch (RuntimeException e) {
      return failed(event, e);
    }
  }

  private <T> CompletableFuture<T> failed(ViewEvent<?> event, Throwable cause) {
    failure.set(
        new ProjectionStatus.Failure(
            event.persistenceId(), event.sequenceNr(), cause.toString(), Instant.now()));
    log.error(
        "Reaction '{}' failed on {} #{} ({}): {}. It retries, then stops at this event until it is"
            + " fixed or an operator skips it.",
        reaction.name(),
        event.persistenceId(),
        event.sequenceNr(),
        event.payload().getClass().getSimpleName(),
        cause.toString());
    return CompletableFuture.failedFuture(
        cause instanceof CompletionException ? cause : new CompletionException(cause));
  }

  private static Throwable unwrap(Throwable error) {
    while (error instanceof CompletionException && error.getCause() != null)
      error = error.getCause();
    return error;
  }
}
