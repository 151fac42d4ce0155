package io.acta.runtime.spi;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What a row that many entities fold into (a shared row) remembers of one writer, one slice's
 * projection: enough to recognise an event delivered again, and bounded by the size of a group, not
 * by the number of entities that ever folded into the row.
 *
 * <p>An event needs the row's own memory only between the row's write and the write of its entity's
 * progress ({@link ViewStorage#recordProgress}): after that, the handler recognises it by the
 * progress alone. One run of a projection handles its groups one after the other and records each
 * group's progress before the next begins, so a run's marks of an earlier group are no longer
 * needed once it writes the row again. Marks left by another run (one that crashed before its
 * progress, or one still running elsewhere for a moment) are carried on until the writing run knows
 * that their progress is recorded.
 *
 * @param run the run that wrote {@code applied}; "" for none
 * @param applied per source, the last sequence number {@code run} applied to the row, from its
 *     latest group (or the latest try of it)
 * @param carried per source, the last sequence number other runs applied whose progress may not be
 *     recorded yet
 */
public record WriterMarks(String run, Map<String, Long> applied, Map<String, Long> carried) {
  /** A writer that never wrote the row. */
  public static final WriterMarks NONE = new WriterMarks("", Map.of(), Map.of());

  public WriterMarks {
    applied = Map.copyOf(applied);
    carried = Map.copyOf(carried);
  }

  /** Per source, the last sequence number these marks say the row has applied. */
  public Map<String, Long> seen() {
    Map<String, Long> seen = new HashMap<>(carried);
    applied.forEach((source, seq) -> seen.merge(source, seq, Math::max));
    return seen;
  }

  /**
   * The marks to store after {@code writer} folded a group of events from {@code sources} into the
   * row, applying {@code newlyApplied}.
   *
   * @param progress per source, a sequence number the view's recorded progress has reached (a lower
   *     bound; 0 when not known): marks at or below it are no longer needed
   */
  public WriterMarks next(
      String writer,
      Collection<String> sources,
      Map<String, Long> newlyApplied,
      ToLongFunction<String> progress) {
    boolean sameRun = writer.equals(run);
    Map<String, Long> stillNeeded = new HashMap<>();
    carried.forEach((s, seq) -> keepIfUnrecorded(stillNeeded, s, seq, progress));
    if (!sameRun) applied.forEach((s, seq) -> keepIfUnrecorded(stillNeeded, s, seq, progress));
    Map<String, Long> mine = new HashMap<>();
    if (sameRun) {
      // A try of this same group may have applied some of its events already: keep those marks.
      for (String source : sources) {
        Long seq = applied.get(source);
        if (seq != null) mine.put(source, seq);
      }
    }
    newlyApplied.forEach((s, seq) -> mine.merge(s, seq, Math::max));
    // A carried mark that this group's marks cover goes when they go: after this group's progress.
    stillNeeded.entrySet().removeIf(e -> mine.getOrDefault(e.getKey(), 0L) >= e.getValue());
    return new WriterMarks(writer, mine, stillNeeded);
  }

  private static void keepIfUnrecorded(
      Map<String, Long> into, String source, long seq, ToLongFunction<String> progress) {
    if (seq > progress.applyAsLong(source)) into.merge(source, seq, Math::max);
  }
}
