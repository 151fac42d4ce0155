package io.acta.runtime.internal.views;

import io.acta.api.entity.PersistenceId;
import io.acta.runtime.internal.entity.TracedEvent;
import io.acta.runtime.spi.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.List;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/**
 * The span of a view, reaction or feed handling one event: a child of the persist that stored it,
 * whose trace the journal kept with the event, so the handling joins the trace of the command that
 * caused it however much later and wherever it runs.
 */
final class EventSpans {
  private EventSpans() {}

  /**
   * Starts {@code acta.<kind> <name>} for {@code envelope}; the invalid span (whose end does
   * nothing) for an event stored without a trace, or with tracing off.
   */
  static Span start(String kind, String name, EventEnvelope<Object> envelope) {
    String trace = TracedEvent.traceparentOf(envelope.event());
    if (trace == null || !Traces.on()) return Span.getInvalid();
    PersistenceId id = PersistenceId.parse(envelope.persistenceId());
    return Traces.tracer()
        .spanBuilder("acta." + kind + " " + name)
        .setSpanKind(SpanKind.CONSUMER)
        .setParent(Traces.continuing(trace))
        .setAttribute("acta." + kind, name)
        .setAttribute("acta.entity.type", id.entityType())
        .setAttribute("acta.entity.id", id.entityId())
        .setAttribute("acta.sequence_nr", envelope.sequenceNr())
        .setAttribute("acta.event", Traces.nameOf(TracedEvent.unwrap(envelope.event())))
        .startSpan();
  }

  /** Ends {@code spans}, as failed when {@code error} is not null. */
  static void end(List<Span> spans, Throwable error) {
    for (Span span : spans) {
      if (error != null) {
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
      }
      span.end();
    }
  }
}
