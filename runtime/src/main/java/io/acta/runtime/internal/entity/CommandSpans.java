package io.acta.runtime.internal.entity;

import io.acta.api.spi.Outcome;
import io.acta.runtime.spi.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of one entity: {@code acta.command} from taking a command to answering it, continuing
 * the trace its envelope carries, and {@code acta.persist} around the write of its events. Actor
 * state: only the entity's thread touches it. With tracing off it does nothing at all.
 */
final class CommandSpans {
  private final String entityType;
  private final String entityId;

  /** The commands taken and not answered yet (a keyed one waits for the store meanwhile). */
  private final Map<CommandEnvelope, Span> open = new IdentityHashMap<>();

  CommandSpans(String entityType, String entityId) {
    this.entityType = entityType;
    this.entityId = entityId;
  }

  /** The entity takes {@code envelope}. */
  void taken(CommandEnvelope envelope) {
    if (!Traces.on() || open.containsKey(envelope)) return;
    String command = Traces.nameOf(envelope.command());
    open.put(
        envelope,
        Traces.tracer()
            .spanBuilder("acta.command " + entityType + " " + command)
            .setSpanKind(SpanKind.SERVER)
            .setParent(Traces.continuing(envelope.traceparent()))
            .setAttribute("acta.entity.type", entityType)
            .setAttribute("acta.entity.id", entityId)
            .setAttribute("acta.command", command)
            .startSpan());
  }

  /** The entity answers {@code envelope} with {@code outcome}. */
  void answered(CommandEnvelope envelope, Outcome outcome) {
    Span span = open.remove(envelope);
    if (span == null) return;
    span.setAttribute(
        "acta.outcome",
        switch (outcome) {
          case Outcome.Accepted a -> "accepted";
          case Outcome.Rejected r -> "rejected";
          case Outcome.Failed f -> "failed";
          case Outcome.Unavailable u -> "unavailable";
        });
    switch (outcome) {
      case Outcome.Accepted a -> span.setAttribute("acta.sequence_nr", a.sequenceNr());
      case Outcome.Failed f -> span.setStatus(StatusCode.ERROR, f.message());
      case Outcome.Unavailable u -> span.setStatus(StatusCode.ERROR, u.message());
      case Outcome.Rejected r -> span.setAttribute("acta.rejection", r.rejection().reason());
    }
    span.end();
  }

  /**
   * Starts the span of persisting {@code events} for {@code envelope}'s command; the invalid span
   * (whose end does nothing) when there is no trace.
   */
  Span persisting(CommandEnvelope envelope, int events, long fromSequenceNr) {
    Span command = open.get(envelope);
    if (command == null) return Span.getInvalid();
    return Traces.tracer()
        .spanBuilder("acta.persist " + entityType)
        .setParent(Context.root().with(command))
        .setAttribute("acta.entity.type", entityType)
        .setAttribute("acta.entity.id", entityId)
        .setAttribute("acta.events", events)
        .setAttribute("acta.sequence_nr", fromSequenceNr)
        .startSpan();
  }

  /**
   * What the journal stores for {@code toPersist} under {@code persist}: each user event with the
   * trace (the runtime's own records as they are); the list itself when there is no trace.
   */
  static List<Object> traced(List<Object> toPersist, Span persist) {
    String trace = Traces.traceparent(Context.root().with(persist));
    if (trace == null) return toPersist;
    return toPersist.stream()
        .map(e -> e instanceof IdempotencyRecorded ? e : new TracedEvent(e, trace))
        .toList();
  }
}
