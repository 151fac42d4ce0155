package io.acta.runtime.internal.views;

import java.time.Instant;
import java.util.Optional;

/**
 * One slice's events when a rebuild started, and the time over which they were written: enough to
 * tell, from a projection's offset alone, about how many of them are still ahead of it, without
 * counting them in the journal (a read of each).
 *
 * @param events how many events the slice's tag held
 * @param oldest when the oldest was written; empty when there is none
 * @param newest when the newest was written; empty when there is none
 */
record SliceSpan(long events, Optional<Instant> oldest, Optional<Instant> newest) {
  /**
   * About how many of the events are still ahead of a projection whose offset was written at {@code
   * offset}, from its place in the span, as if the events had come at an even pace: all of them
   * before it stored an offset, none once it has passed the newest. An estimate: exact only at both
   * ends.
   */
  long ahead(Optional<Instant> offset) {
    if (events == 0) return 0;
    if (offset.isEmpty() || oldest.isEmpty() || newest.isEmpty()) return events;
    long span = newest.get().toEpochMilli() - oldest.get().toEpochMilli();
    long passed = offset.get().toEpochMilli() - oldest.get().toEpochMilli();
    if (passed >= span) return 0;
    if (passed <= 0) return events;
    return Math.round(events * (1 - (double) passed / span));
  }
}
