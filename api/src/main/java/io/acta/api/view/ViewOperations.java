package io.acta.api.view;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Operating views: lag, stuck events, skips and rebuilds. For operators and their tools. */
public interface ViewOperations {

  /**
   * Every projection's progress, of the serving versions and of any version being rebuilt, lag
   * measured against the journal. Blocking: for operations, not hot paths.
   */
  List<ProjectionStatus> status();

  /**
   * The statuses as last measured in the background ({@code acta.projections.status-interval}); no
   * I/O.
   */
  List<ProjectionStatus> latestStatus();

  /**
   * An operator's decision that {@code view} pass over one event it fails on (see {@link
   * ProjectionStatus#failure()}): the view goes on without it at its projection's next restart.
   * Logged, and kept in the store, so the decision is visible and survives restarts.
   */
  CompletionStage<Void> skip(ViewType<?> view, String persistenceId, long sequenceNr);

  /**
   * Rebuilds {@code view} from the start of the journal as a new version while the current one
   * keeps serving reads, then switches reads over (blue/green) once the new version has caught up,
   * and retires the old one. Logs progress and an ETA as it goes. Resumes a rebuild that was under
   * way. Completes when the new version serves. Asked again while a rebuild of the view runs on
   * this node, it starts nothing and completes with that rebuild.
   */
  CompletionStage<RebuildResult> rebuild(ViewType<?> view);

  /**
   * The rebuilds this node runs or ran since it started, the latest per view: progress, an estimate
   * of the time left, and how each ended. No I/O. (A rebuild runs on the node that was asked for
   * it; other nodes see its version in {@link #latestStatus()}.)
   */
  List<RebuildProgress> rebuilds();
}
