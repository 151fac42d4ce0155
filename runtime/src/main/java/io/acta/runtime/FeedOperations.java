package io.acta.runtime;

import io.acta.api.view.ProjectionStatus;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Operating {@link EventFeed}s: how far each slice has come, the event it is stuck on, skips. */
public interface FeedOperations {

  /**
   * Every slice of every feed, lag measured against the journal ({@link ProjectionStatus#view()}
   * names the feed). Blocking: for operations, not hot paths.
   */
  List<ProjectionStatus> status();

  /** The statuses as last measured in the background; no I/O. */
  List<ProjectionStatus> latestStatus();

  /**
   * An operator's decision that feed {@code feed} pass over one event it keeps failing on (see
   * {@link ProjectionStatus#failure()}): it goes on without it at its projection's next restart.
   * Logged, and kept in the store, so the decision is visible and survives restarts.
   */
  CompletionStage<Void> skip(String feed, String persistenceId, long sequenceNr);
}
