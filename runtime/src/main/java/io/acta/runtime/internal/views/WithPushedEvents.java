package io.acta.runtime.internal.views;

import io.acta.runtime.internal.entity.PushedEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A slice's events-by-tag with the events its entities push as they persist them ({@link
 * io.acta.runtime.internal.entity.EventPush}) merged in, so that a projection sees an event
 * milliseconds after it was persisted instead of after events-by-tag's delay.
 *
 * <p>Events-by-tag stays the source of offsets: a pushed event carries the offset of the last event
 * its tag delivered (or the stored one), so a projection that stores it after a group of pushed
 * events resumes, after a restart, where events-by-tag had got to, and receives those events again
 * (which its recorded progress recognizes). Pushed events are taken only while events-by-tag is
 * live: while it delivers events older than {@link #LIVE} (a catch-up, a rebuild) they are dropped,
 * because each would make a hole in its entity's sequence numbers that the projection would fill
 * from the journal, entity by entity, ahead of the tag's order.
 *
 * <p>An event events-by-tag delivers after it came pushed is not passed on (the projection would
 * only recognize it as done, at the cost of a group and an offset write); its offset is, with the
 * next pushed event. So a crash before the pushed event was handled loses nothing: the projection
 * resumes from an offset before it.
 */
final class WithPushedEvents extends EnvelopeSource {
  /** Events-by-tag is live when the events it delivers are at most this old... */
  static final long LIVE = 5_000;

  /** ...or when it has delivered nothing for this long: it is waiting for new events. */
  static final long QUIET = 3_000;

  /**
   * How many entities' last pushed events a projection remembers, to pass over their copies from
   * events-by-tag, which come a few hundred milliseconds later: a second of 10,000 events a second
   * per slice. Past that an entity's copies are handed on, and the view's recorded progress
   * recognizes them.
   */
  static final int REMEMBERED = 10_000;

  private final SourceProvider<Offset, EventEnvelope<Object>> events;
  private final Supplier<Source<PushedEvents, NotUsed>> pushed;

  WithPushedEvents(
      SourceProvider<Offset, EventEnvelope<Object>> events,
      Supplier<Source<PushedEvents, NotUsed>> pushed) {
    this.events = events;
    this.pushed = pushed;
  }

  @Override
  public CompletionStage<Source<EventEnvelope<Object>, NotUsed>> source(
      Supplier<CompletionStage<Optional<Offset>>> offset) {
    Merge merge = new Merge(System::currentTimeMillis, REMEMBERED);
    return events
        .source(() -> offset.get().thenApply(merge::started))
        .thenApply(
            tagged -> tagged.filter(merge::delivered).merge(pushed.get().mapConcat(merge::pushed)));
  }

  /**
   * What one run of the merged stream knows of its events-by-tag. Its stages run fused, one at a
   * time, but the offset arrives on another thread: hence volatile.
   */
  static final class Merge {
    private final LongSupplier clock;
    private final Recent<String, Long> pushedUpTo;
    private volatile Offset last;
    private volatile long lastTimestamp;
    private volatile long lastDeliveredAt;

    Merge(LongSupplier clock, int remembered) {
      this.clock = clock;
      this.pushedUpTo = new Recent<>(remembered);
    }

    Optional<Offset> started(Optional<Offset> stored) {
      stored.ifPresent(o -> last = o);
      return stored;
    }

    /** Notes an event events-by-tag delivered; false when it came pushed already. */
    boolean delivered(EventEnvelope<Object> e) {
      last = e.offset();
      lastTimestamp = e.timestamp();
      lastDeliveredAt = clock.getAsLong();
      Long pushed = pushedUpTo.get(e.persistenceId());
      return pushed == null || e.sequenceNr() > pushed;
    }

    List<EventEnvelope<Object>> pushed(PushedEvents p) {
      Offset at = last;
      if (at == null || !live(clock.getAsLong())) return List.of();
      List<EventEnvelope<Object>> out = new ArrayList<>(p.events().size());
      long seq = p.firstSequenceNr();
      for (Object event : p.events()) {
        out.add(EventEnvelope.create(at, p.persistenceId(), seq++, event, p.timestamp()));
      }
      pushedUpTo.put(p.persistenceId(), seq - 1);
      return out;
    }

    boolean live(long now) {
      return now - lastTimestamp <= LIVE || now - lastDeliveredAt >= QUIET;
    }
  }
}
