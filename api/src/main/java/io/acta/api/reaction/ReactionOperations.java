package io.acta.api.reaction;

import io.acta.api.view.ProjectionStatus;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Operating reactions: how far each slice has come, the event it is stuck on, and skips. */
public interface ReactionOperations {

  /**
   * Every slice of every reaction, lag measured against the journal ({@link
   * ProjectionStatus#view()} names the reaction). Blocking: for operations, not hot paths.
   */
  List<ProjectionStatus> status();

  /** The statuses as last measured in the background; no I/O. */
  List<ProjectionStatus> latestStatus();

  /**
   * An operator's decision that {@code reaction} pass over one event it keeps failing on (see
   * {@link ProjectionStatus#failure()}): it goes on without it at its projection's next restart.
   * Logged, and kept in the store, so the decision is visible and survives restarts.
   */
  CompletionStage<Void> skip(ReactionType<?> reaction, String persistenceId, long sequenceNr);
}
