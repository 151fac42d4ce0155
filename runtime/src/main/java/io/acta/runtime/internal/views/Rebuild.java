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
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One blue/green rebuild of a view: records that a new version is being built (the slices'
 * supervisors then start its projections, from the start of the journal), reports progress and an
 * ETA until it has caught up, then switches reads over. Blocks its own thread while it waits.
 *
 * <p>The journal's events are counted once, at the start. Far from the end, progress is estimated
 * from the new version's offsets ({@link SliceSpan}); near it, the backlog is counted exactly, and
 * the switch-over waits for a count of zero.
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
    // Counted once, with the time they span: while the new version is far behind, its progress is
    // told from its offsets' place in that span, not by counting its backlog in the journal (a read
    // of every event not yet folded); it is counted only near the end, where it is small.
    Map<Integer, SliceSpan> spans = engine.projections().spans(view);
    long total = spans.values().stream().mapToLong(SliceSpan::events).sum();
    long near = nearTheEnd(total);
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
      long behind = estimatedBehind(spans, engine.projections().positions(view, target), near);
      List<ProjectionStatus> slices = null;
      long measuring = 0;
      if (behind < near) {
        long measuredAt = System.nanoTime();
        slices = engine.projections().status(view, target);
        measuring = System.nanoTime() - measuredAt;
        behind = slices.stream().mapToLong(ProjectionStatus::eventsBehind).sum();
        boolean everySliceStarted =
            slices.stream().allMatch(s -> s.storedOffsetTime() != null || s.eventsBehind() == 0);
        if (behind == 0 && everySliceStarted && slices.stream().allMatch(s -> s.failure() == null))
          break;
      }
      long done = Math.max(0, total - behind);
      Duration remaining = remaining(total, behind, started);
      long wait =
          slices == null
              ? progressInterval.toNanos()
              : untilNextCheck(progressInterval, measuring, slices, remaining);
      report.accept(
          view,
          new RebuildProgress(
              view, from, target, startedAt, null, total, done, remaining, RUNNING, null));
      String eta = remaining == null ? "unknown" : remaining.toSeconds() + " s";
      log.info(
          "Rebuilding view '{}' v{}: {}% ({} of {} events{}), ETA {}",
          view,
          target,
          total == 0 ? 100 : done * 100 / total,
          done,
          total,
          slices == null ? ", estimated" : "",
          eta);
      LockSupport.parkNanos(wait);
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
   * From how many events behind (estimated) a rebuild counts its backlog exactly: a twentieth of
   * the journal's events, and at least {@link LagMonitor#FAR_BEHIND}. Below, each check reads at
   * most that many events; above, the estimate from the offsets tells the progress.
   */
  static long nearTheEnd(long total) {
    return Math.max(LagMonitor.FAR_BEHIND, total / 20);
  }

  /**
   * The events still ahead of the new version's slices, estimated from their positions; while any
   * slice reads the journal, never fewer than {@code near}: such a slice has no offset to count its
   * backlog from (counted, it would be every event of its tag), so the exact counts wait for every
   * slice to have handed over to events-by-tag.
   */
  static long estimatedBehind(
      Map<Integer, SliceSpan> spans, Map<Integer, SlicePosition> positions, long near) {
    long behind = 0;
    boolean readingJournal = false;
    for (Map.Entry<Integer, SliceSpan> slice : spans.entrySet()) {
      SlicePosition at =
          positions.getOrDefault(slice.getKey(), SlicePosition.atOffset(Optional.empty()));
      readingJournal |= at.readFromJournal().isPresent();
      behind += at.ahead(slice.getValue());
    }
    return readingJournal ? Math.max(behind, near) : behind;
  }

  /** The time left at the mean pace so far; null before anything was folded. */
  private static Duration remaining(long total, long behind, long startedNanos) {
    long done = Math.max(0, total - behind);
    if (done == 0) return null;
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    return Duration.ofMillis(Math.round(behind / (done / seconds) * 1000));
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
