package io.acta.runtime.internal.views;

import static io.acta.api.view.RebuildProgress.State.DONE;
import static io.acta.api.view.RebuildProgress.State.RUNNING;

import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.RebuildProgress;
import io.acta.api.view.RebuildResult;
import io.acta.runtime.spi.ViewStorage;
import io.acta.runtime.spi.ViewVersions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
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
  private final BiConsumer<String, RebuildProgress> report;

  /** {@code report} hears of every measurement, for {@link ViewOperationService#rebuilds()}. */
  Rebuild(ViewEngine engine, String view, BiConsumer<String, RebuildProgress> report) {
    this.engine = engine;
    this.view = view;
    this.report = report;
  }

  RebuildResult run() {
    ViewStorage storage = engine.storage();
    ViewVersions v = storage.versions(view).toCompletableFuture().join();
    int from = v.serving();
    int target = v.building() > 0 ? v.building() : from + 1;
    if (v.building() == 0 && !storage.startBuilding(view, from)) {
      throw new IllegalStateException("view '" + view + "' changed versions meanwhile: try again");
    }
    Instant startedAt = Instant.now();
    // Counted once: until a slice of the new version stores its first offset, its backlog is all
    // of these, not counted again (a read of every event of its tag) by each check below.
    Map<Integer, Long> perSlice = engine.projections().eventsPerSlice(view);
    long total = perSlice.values().stream().mapToLong(Long::longValue).sum();
    report.accept(
        view,
        new RebuildProgress(view, from, target, startedAt, null, total, 0, null, RUNNING, null));
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
      long measuredAt = System.nanoTime();
      List<ProjectionStatus> slices = engine.projections().status(view, target, perSlice);
      long measuring = System.nanoTime() - measuredAt;
      long behind = slices.stream().mapToLong(ProjectionStatus::eventsBehind).sum();
      boolean everySliceStarted =
          slices.stream().allMatch(s -> s.storedOffsetTime() != null || s.eventsBehind() == 0);
      if (behind == 0 && everySliceStarted && slices.stream().allMatch(s -> s.failure() == null))
        break;
      long done = Math.max(0, total - behind);
      double seconds = (System.nanoTime() - started) / 1e9;
      Duration remaining =
          done == 0 ? null : Duration.ofMillis(Math.round(behind / (done / seconds) * 1000));
      report.accept(
          view,
          new RebuildProgress(
              view, from, target, startedAt, null, total, done, remaining, RUNNING, null));
      String eta = remaining == null ? "unknown" : remaining.toSeconds() + " s";
      log.info(
          "Rebuilding view '{}' v{}: {}% ({} of {} events), ETA {}",
          view, target, total == 0 ? 100 : done * 100 / total, done, total, eta);
      LockSupport.parkNanos(untilNextCheck(progressInterval, measuring, slices, remaining));
    }
    if (!storage.switchOver(view, target)) {
      throw new IllegalStateException(
          "view '" + view + "' v" + target + " is no longer being built");
    }
    engine.serve(view, target);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    report.accept(
        view,
        new RebuildProgress(
            view, from, target, startedAt, Instant.now(), total, total, null, DONE, null));
    log.info(
        "View '{}' now served by v{}, rebuilt from {} events in {} ms; v{} retires",
        view,
        target,
        total,
        took.toMillis(),
        from);
    return new RebuildResult(view, from, target, total, took);
  }

  /**
   * How long to wait before checking again: the progress interval, or, while a slice is far behind,
   * up to {@link LagMonitor#SPACING} times as long as the check took. Far behind, a check counts
   * the new version's backlog in the journal's events-by-tag table, a read of every event not yet
   * folded; repeated every interval it would take a large share of the store's time from the
   * rebuild it measures (as {@link LagMonitor} spaces out the node's own measurements). Never
   * longer than half the time the rebuild is expected to need still ({@code remaining}; unknown
   * before the first events are folded, when checks follow the interval): the checks come closer as
   * the end nears, and cheaper, the backlog they count being smaller, so the switch-over follows
   * the end of the fold closely.
   */
  static long untilNextCheck(
      Duration interval, long checkNanos, List<ProjectionStatus> slices, Duration remaining) {
    boolean farBehind = slices.stream().anyMatch(s -> s.eventsBehind() >= LagMonitor.FAR_BEHIND);
    if (!farBehind || remaining == null) return interval.toNanos();
    long spaced = Math.min(LagMonitor.SPACING * checkNanos, remaining.toNanos() / 2);
    return Math.max(interval.toNanos(), spaced);
  }
}
