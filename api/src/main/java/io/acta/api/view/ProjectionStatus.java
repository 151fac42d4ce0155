package io.acta.api.view;

import java.time.Duration;
import java.time.Instant;

/**
 * How far one projection (one view, one source entity type, one slice) has come.
 *
 * @param view the view's name
 * @param version the view's version this projection builds
 * @param entityType the source entity type
 * @param slice the slice of that type's events
 * @param storedOffsetTime when the last event whose offset is stored was written; {@code null}
 *     before any
 * @param eventsBehind events of the slice written after the stored offset, not yet reflected
 * @param timeBehind how old the oldest of those is; zero when none is behind
 * @param processedHere events this node folded into the view since it started
 * @param failure the event the projection is failing on, if it is; {@code null} otherwise
 */
public record ProjectionStatus(
    String view,
    int version,
    String entityType,
    int slice,
    Instant storedOffsetTime,
    long eventsBehind,
    Duration timeBehind,
    long processedHere,
    Failure failure) {

  /**
   * An event a view fails on: the projection stops there until the view is fixed or an operator
   * skips the event.
   *
   * @param persistenceId the source entity's persistence id
   * @param sequenceNr the event's sequence number
   * @param message what went wrong
   * @param at when it last failed
   */
  public record Failure(String persistenceId, long sequenceNr, String message, Instant at) {}

  /** Whether the projection has caught up with its slice. */
  public boolean caughtUp() {
    return eventsBehind == 0;
  }
}
