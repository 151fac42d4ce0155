package io.acta.runtime.spi;

import io.acta.api.view.ViewEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a group of events does to one view row, decided before anything is written: every store
 * applies the same rules, so effectively-once folding does not depend on the store. An event whose
 * source (persistence id) the row has already applied up to its sequence number is a redelivery and
 * is passed over; an event the view's code fails on stops the row right before it.
 *
 * @param before the row as stored; {@code null} when no event has reached it
 * @param after the row to store; equal to {@code before} when nothing new was applied
 * @param newlyApplied per source, the last sequence number this change applies: to be stored with
 *     the row
 * @param failure the event the view's code failed on, or {@code null}
 */
public record RowChange<V>(V before, V after, Map<String, Long> newlyApplied, FoldFailure failure) {

  /**
   * Decides the change of the row of {@code key}.
   *
   * @param applied per source, the last sequence number the stored row has applied
   */
  public static <V> RowChange<V> decide(
      ViewFold<V> fold,
      String key,
      V before,
      Map<String, Long> applied,
      List<ViewEvent<?>> events) {
    Map<String, Long> seen = new HashMap<>(applied);
    Map<String, Long> newlyApplied = new LinkedHashMap<>();
    V row = before;
    FoldFailure failure = null;
    for (ViewEvent<?> e : events) {
      String source = e.persistenceId();
      if (e.sequenceNr() <= seen.getOrDefault(source, 0L)) continue;
      try {
        row = fold.apply(row == null ? fold.initial(key) : row, e);
      } catch (RuntimeException error) {
        failure = new FoldFailure(e, error);
        break;
      }
      seen.put(source, e.sequenceNr());
      newlyApplied.put(source, e.sequenceNr());
    }
    return new RowChange<>(before, row, Map.copyOf(newlyApplied), failure);
  }

  /** Whether the row is to be written: some event was applied that the stored row did not have. */
  public boolean changed() {
    return !newlyApplied.isEmpty();
  }

  /** The sources a group's events come from, as {@link ViewEvent#persistenceId()}, in order. */
  public static List<String> sources(List<ViewEvent<?>> events) {
    return events.stream().map(ViewEvent::persistenceId).distinct().toList();
  }

  /** An event the view's own code failed on. */
  public static final class FoldFailure extends RuntimeException {
    private final transient ViewEvent<?> event;

    FoldFailure(ViewEvent<?> event, RuntimeException cause) {
      super(cause.toString(), cause);
      this.event = event;
    }

    /** The event the view failed on. */
    public ViewEvent<?> event() {
      return event;
    }
  }
}
