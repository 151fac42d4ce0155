package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.TimeBasedUUID;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A slice's events-by-tag that a (re)started projection reads from {@code lookBack} before its
 * stored offset rather than from the offset itself.
 *
 * <p>An event's place in events-by-tag is the time its writer's clock gave it, and it becomes
 * readable only once its write lands: an event from a node whose clock is behind, or a slow write,
 * can become readable after events with later times, which the projection may already have passed
 * and stored as its offset. The running query goes back for such events ({@code back-track}); a
 * query started from the stored offset would never see them. Events between the earlier start and
 * the offset are delivered again: views and reactions pass over those their recorded progress
 * covers (the runtime's GapFilling), raw handlers are at least once anyway.
 */
final class LookBackEvents extends SourceProvider<Offset, EventEnvelope<Object>> {
  private final SourceProvider<Offset, EventEnvelope<Object>> events;
  private final Duration lookBack;

  LookBackEvents(SourceProvider<Offset, EventEnvelope<Object>> events, Duration lookBack) {
    this.events = events;
    this.lookBack = lookBack;
  }

  @Override
  public CompletionStage<Source<EventEnvelope<Object>, NotUsed>> source(
      Supplier<CompletionStage<Optional<Offset>>> offset) {
    return events.source(() -> offset.get().thenApply(stored -> stored.map(this::earlier)));
  }

  /** The offset {@code lookBack} before {@code stored}; other kinds of offset unchanged. */
  Offset earlier(Offset stored) {
    if (!(stored instanceof TimeBasedUUID t)) return stored;
    long millis = Uuids.unixTimestamp(t.value()) - lookBack.toMillis();
    return Offset.timeBasedUUID(Uuids.startOf(millis));
  }

  @Override
  public Offset extractOffset(EventEnvelope<Object> envelope) {
    return events.extractOffset(envelope);
  }

  @Override
  public long extractCreationTime(EventEnvelope<Object> envelope) {
    return events.extractCreationTime(envelope);
  }
}
