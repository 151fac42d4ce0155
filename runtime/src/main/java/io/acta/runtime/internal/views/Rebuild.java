package io.acta.runtime.internal.views;

import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.RebuildResult;
import io.acta.runtime.spi.ViewStorage;
import io.acta.runtime.spi.ViewVersions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One blue/green rebuild of a view: records that a new version is being built (the slices'
 * supervisors then start its projections, from the start of the journal), reports progress and an
 * ETA until it has caught up, then switches reads over. Blocks its own thread while it waits.
 */
final class Rebuild {
  private static final Logger log = LoggerFactory.getLogger(Rebuild.class);

  private final ViewEngine engine;
  private final String view;

  Rebuild(ViewEngine engine, String view) {
    this.engine = engine;
    this.view = view;
  }

  RebuildResult run() {
    ViewStorage storage = engine.storage();
    ViewVersions v = storage.versions(view).toCompletableFuture().join();
    int from = v.serving();
    int target = v.building() > 0 ? v.building() : from + 1;
    if (v.building() == 0 && !storage.startBuilding(view, from)) {
      throw new IllegalStateException("view '" + view + "' changed versions meanwhile: try again");
    }
    long total = engine.projections().totalEvents(view);
    long started = System.nanoTime();
    Duration progressInterval = engine.rebuildProgressInterval();
    log.info(
        "Rebuilding view '{}' as v{} from the start of the journal ({} events); v{} serves"
            + " meanwhile",
        view,
        target,
        total,
        from);
    while (true) {
      List<ProjectionStatus> slices = engine.projections().status(view, target);
      long behind = slices.stream().mapToLong(ProjectionStatus::eventsBehind).sum();
      boolean everySliceStarted =
          slices.stream().allMatch(s -> s.storedOffsetTime() != null || s.eventsBehind() == 0);
      if (behind == 0 && everySliceStarted && slices.stream().allMatch(s -> s.failure() == null))
        break;
      long done = Math.max(0, total - behind);
      double seconds = (System.nanoTime() - started) / 1e9;
      String eta = done == 0 ? "unknown" : Math.round(behind / (done / seconds)) + " s";
      log.info(
          "Rebuilding view '{}' v{}: {}% ({} of {} events), ETA {}",
          view, target, total == 0 ? 100 : done * 100 / total, done, total, eta);
      LockSupport.parkNanos(progressInterval.toNanos());
    }
    if (!storage.switchOver(view, target)) {
      throw new IllegalStateException(
          "view '" + view + "' v" + target + " is no longer being built");
    }
    engine.serve(view, target);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    log.info(
        "View '{}' now served by v{}, rebuilt from {} events in {} ms; v{} retires",
        view,
        target,
        total,
        took.toMillis(),
        from);
    return new RebuildResult(view, from, target, total, took);
  }
}
