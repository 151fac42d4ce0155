package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * An account's alerts: how many were raised, and the latest ones.
 *
 * @param count alerts raised in all
 * @param latest the latest {@value #KEPT} of them, oldest first
 */
@TypeName("alert.state")
public record AlertState(long count, List<AlertEvent.Raised> latest) {
  /** How many alerts the state keeps; the count goes on beyond. */
  public static final int KEPT = 20;

  public static final AlertState EMPTY = new AlertState(0, List.of());

  public AlertState {
    latest = List.copyOf(latest);
  }

  AlertState with(AlertEvent.Raised raised) {
    List<AlertEvent.Raised> next = new ArrayList<>(latest);
    next.add(raised);
    if (next.size() > KEPT) next.removeFirst();
    return new AlertState(count + 1, next);
  }
}
