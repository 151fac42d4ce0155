package io.acta.runtime.internal.views;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where one slice of a version being built has got to, told without counting its backlog: the time
 * of the event at its stored offset (empty before it stored one), or, while it reads its entities
 * from the journal ({@link JournalReplay}) and so has no offset in events-by-tag yet, how many
 * events it has handled on this node (none counted for a slice running on another node).
 *
 * @param offsetTime when the event at the stored offset was written
 * @param readFromJournal events handled here while reading the journal; empty when not reading it
 */
record SlicePosition(Optional<Instant> offsetTime, OptionalLong readFromJournal) {
  /** A slice reading events-by-tag, at an offset written at {@code time} (empty: none stored). */
  static SlicePosition atOffset(Optional<Instant> time) {
    return new SlicePosition(time, OptionalLong.empty());
  }

  /** A slice reading the journal, {@code handled} events handled here so far. */
  static SlicePosition readingJournal(long handled) {
    return new SlicePosition(Optional.empty(), OptionalLong.of(handled));
  }

  /** About how many of {@code span}'s events are still ahead of the slice. */
  long ahead(SliceSpan span) {
    if (readFromJournal.isPresent())
      return Math.max(0, span.events() - readFromJournal.getAsLong());
    return span.ahead(offsetTime);
  }
}
