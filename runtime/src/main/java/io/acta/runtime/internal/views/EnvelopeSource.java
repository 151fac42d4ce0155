package io.acta.runtime.internal.views;

import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.SourceProvider;

/**
 * A source of a slice's events for a projection whose envelopes carry the offset to store with them
 * and the time they were written, as events-by-tag's do: what pekko-projection asks of a source
 * provider beside the events themselves.
 */
abstract class EnvelopeSource extends SourceProvider<Offset, EventEnvelope<Object>> {
  @Override
  public final Offset extractOffset(EventEnvelope<Object> envelope) {
    return envelope.offset();
  }

  @Override
  public final long extractCreationTime(EventEnvelope<Object> envelope) {
    return envelope.timestamp();
  }
}
