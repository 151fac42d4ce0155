package io.acta.runtime.internal.views;

import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.RebuildProgress;
import io.acta.api.view.RebuildResult;
import io.acta.api.view.ViewOperations;
import io.acta.api.view.ViewType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ViewOperations} on the engine; each rebuild runs on a thread of its own. */
public final class ViewOperationService implements ViewOperations {
  private static final Logger log = LoggerFactory.getLogger(ViewOperationService.class);

  private final ViewEngine engine;
  private final Map<String, RebuildProgress> progress = new ConcurrentHashMap<>();

  /** The rebuild of each view running on this node: a second request joins it. */
  private final Map<String, CompletableFuture<RebuildResult>> running = new ConcurrentHashMap<>();

  public ViewOperationService(ViewEngine engine) {
    this.engine = engine;
  }

  @Override
  public List<ProjectionStatus> status() {
    return engine.status();
  }

  @Override
  public List<ProjectionStatus> latestStatus() {
    return engine.latestStatus();
  }

  @Override
  public CompletionStage<Void> skip(ViewType<?> view, String persistenceId, long sequenceNr) {
    engine.fold(view);
    log.warn(
        "Operator skip: view '{}' will pass over {} #{}", view.name(), persistenceId, sequenceNr);
    return engine.storage().skip(view.name(), persistenceId, sequenceNr);
  }

  @Override
  public CompletionStage<RebuildResult> rebuild(ViewType<?> view) {
    engine.fold(view);
    CompletableFuture<RebuildResult> done = new CompletableFuture<>();
    CompletableFuture<RebuildResult> already = running.putIfAbsent(view.name(), done);
    if (already != null) return already;
    done.whenComplete((result, failure) -> running.remove(view.name(), done));
    Thread.ofVirtual()
        .name("acta-rebuild-" + view.name())
        .start(
            () -> {
              try {
                done.complete(new Rebuild(engine, view.name(), progress::put).run());
              } catch (RuntimeException | Error e) {
                // An Error too: the caller waits on the future, and the console on its state.
                progress.computeIfPresent(
                    view.name(),
                    (name, p) ->
                        p.state() == RebuildProgress.State.RUNNING
                            ? new RebuildProgress(
                                p.view(),
                                p.fromVersion(),
                                p.toVersion(),
                                p.startedAt(),
                                Instant.now(),
                                p.totalEvents(),
                                p.eventsDone(),
                                null,
                                RebuildProgress.State.FAILED,
                                e.getMessage())
                            : p);
                done.completeExceptionally(e);
                if (e instanceof Error error) throw error;
              }
            });
    return done;
  }

  @Override
  public List<RebuildProgress> rebuilds() {
    return List.copyOf(progress.values());
  }
}
