package io.acta.api.view;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a rebuild this node runs has come ({@link ViewOperations#rebuilds()}), as it last
 * measured (every {@code acta.projections.rebuild-progress-interval}).
 *
 * @param view the view's name
 * @param fromVersion the version that serves while the rebuild runs
 * @param toVersion the version being built
 * @param startedAt when the rebuild started
 * @param endedAt when it ended (the new version serving, or a failure); {@code null} while running
 * @param totalEvents the events of the view's source types in the journal when it started
 * @param eventsDone how many of them the new version has folded: estimated from its offsets far
 *     from the end (their place in the time the events span), counted near it
 * @param remaining the time left at the mean rate so far; {@code null} before anything was folded
 *     and once the rebuild has ended
 * @param state running, done or failed
 * @param failure why it failed, for a failed rebuild; {@code null} otherwise
 */
public record RebuildProgress(
    String view,
    int fromVersion,
    int toVersion,
    Instant startedAt,
    Instant endedAt,
    long totalEvents,
    long eventsDone,
    Duration remaining,
    State state,
    String failure) {
  /** Where a rebuild is. */
  public enum State {
    /** Folding events into the new version; the old one serves. */
    RUNNING,
    /** The new version serves. */
    DONE,
    /** Stopped before the switch; the old version still serves. */
    FAILED
  }

  /** The share of the events folded, from 0 to 1. */
  public double fraction() {
    return totalEvents == 0 ? 1.0 : Math.min(1.0, (double) eventsDone / totalEvents);
  }
}
