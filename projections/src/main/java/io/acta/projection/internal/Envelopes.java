package io.acta.projection.internal;

import io.acta.projection.ViewEvent;
import java.time.Instant;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/** Turns a journal envelope into the {@link ViewEvent} user code sees. */
final class Envelopes {
  private Envelopes() {}

  @SuppressWarnings("unchecked")
  static <E> ViewEvent<E> toViewEvent(EventEnvelope<Object> envelope) {
    String pid = envelope.persistenceId();
    int bar = pid.indexOf('|');
    return new ViewEvent<>(pid.substring(0, bar), pid.substring(bar + 1), envelope.sequenceNr(),
        Instant.ofEpochMilli(envelope.timestamp()), (E) envelope.event());
  }
}
