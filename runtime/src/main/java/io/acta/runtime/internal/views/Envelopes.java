package io.acta.runtime.internal.views;

import io.acta.api.entity.PersistenceId;
import io.acta.api.view.ViewEvent;
import io.acta.runtime.internal.entity.TracedEvent;
import java.time.Instant;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/** Turns a journal envelope into the {@link ViewEvent} user code sees. */
final class Envelopes {
  private Envelopes() {}

  @SuppressWarnings("unchecked")
  static <E> ViewEvent<E> toViewEvent(EventEnvelope<Object> envelope) {
    PersistenceId id = PersistenceId.parse(envelope.persistenceId());
    return new ViewEvent<>(
        id.entityType(),
        id.entityId(),
        envelope.sequenceNr(),
        Instant.ofEpochMilli(envelope.timestamp()),
        (E) TracedEvent.unwrap(envelope.event()));
  }
}
