package io.acta.projection;

import java.time.Duration;
import java.time.Instant;

/**
 * How far one projection (one view, one source entity type, one slice) has come.
 *
 * @param view the view's name
 * @param entityType the source entity type
 * @param slice the slice of that type's events
 * @param storedOffsetTime when the last event whose offset is stored was written; {@code null} before any
 * @param eventsBehind events of the slice written after the stored offset, not yet reflected
 * @param timeBehind how old the oldest of those is; zero when none is behind
 * @param processedHere events this node folded into the view since it started
 */
public record ProjectionStatus(String view, String entityType, int slice, Instant storedOffsetTime,
                               long eventsBehind, Duration timeBehind, long processedHere) {

  /** Whether the projection has caught up with its slice. */
  public boolean caughtUp() {
    return eventsBehind == 0;
  }
}
