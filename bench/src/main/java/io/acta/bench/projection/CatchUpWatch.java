package io.acta.bench.projection;

import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.RebuildResult;
import io.acta.api.view.ViewOperations;
import io.acta.api.view.ViewType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Waits until every slice of a node's views has caught up with the journal, by polling {@link
 * ViewOperations#status()} (whose lag is counted in the journal's own events-by-tag table), or
 * until a rebuild is done, and tells how far they have come meanwhile.
 */
public final class CatchUpWatch {
  private CatchUpWatch() {}

  /**
   * Returns the seconds from {@code startNanos} until the first poll that found no slice behind.
   *
   * @param every how long to wait between polls: the resolution of the result
   * @param limit how long to wait at most
   * @throws TimeoutException when the views have not caught up by {@code limit}
   */
  public static double await(
      ViewOperations views,
      long startNanos,
      Duration every,
      Duration limit,
      Consumer<String> progress)
      throws InterruptedException, TimeoutException {
    long lastReport = 0;
    while (true) {
      List<ProjectionStatus> status = views.status();
      long now = System.nanoTime();
      double seconds = (now - startNanos) / 1e9;
      if (caughtUp(status)) return seconds;
      status.stream()
          .filter(s -> s.failure() != null)
          .findFirst()
          .ifPresent(
              s ->
                  progress.accept(
                      "slice "
                          + s.slice()
                          + " is failing on "
                          + s.failure().persistenceId()
                          + " #"
                          + s.failure().sequenceNr()
                          + ": "
                          + s.failure().message()));
      if (now - lastReport > 10_000_000_000L) {
        lastReport = now;
        long folded = status.stream().mapToLong(ProjectionStatus::processedHere).sum();
        long behind = status.stream().mapToLong(ProjectionStatus::eventsBehind).sum();
        progress.accept(
            String.format(
                Locale.ROOT, "%.0f s: %,d events folded, %,d behind", seconds, folded, behind));
      }
      if (now - startNanos > limit.toNanos())
        throw new TimeoutException("views not caught up after " + limit);
      Thread.sleep(every.toMillis());
    }
  }

  /**
   * As {@link #await}, for a catch-up whose size is known: waits until the views handled {@code
   * expected} events by {@code folded} (a meter, read without a query), then confirms with a status
   * that no slice is behind. The status counts every slice's backlog in the journal's events-by-tag
   * table, so it is asked only once the events are all folded: polled every second while far
   * behind, it would scan the whole backlog each time and slow the catch-up it measures.
   *
   * @return the seconds from {@code startNanos} until the views had folded {@code expected} events
   *     and no slice was behind
   */
  public static double awaitFolded(
      ViewOperations views,
      LongSupplier folded,
      long expected,
      long startNanos,
      Duration every,
      Duration limit,
      Consumer<String> progress)
      throws InterruptedException, TimeoutException {
    long lastReport = startNanos;
    while (true) {
      long now = System.nanoTime();
      long done = folded.getAsLong();
      if (done >= expected) {
        List<ProjectionStatus> status = views.status();
        if (caughtUp(status)) return (now - startNanos) / 1e9;
      }
      if (now - lastReport > 10_000_000_000L) {
        lastReport = now;
        progress.accept(
            String.format(
                Locale.ROOT,
                "%.0f s: %,d of %,d events folded",
                (now - startNanos) / 1e9,
                done,
                expected));
      }
      if (now - startNanos > limit.toNanos())
        throw new TimeoutException("views not caught up after " + limit);
      Thread.sleep(every.toMillis());
    }
  }

  /**
   * Rebuilds {@code view} through {@link ViewOperations#rebuild} (from the start of the journal
   * into a new version, the old one serving meanwhile, as an operator would) and returns its
   * seconds, telling how far it has come every 10 s.
   *
   * @throws TimeoutException when the rebuild has not finished by {@code limit}
   */
  public static double rebuild(
      ViewOperations views,
      ViewType<?> view,
      Duration every,
      Duration limit,
      Consumer<String> progress)
      throws InterruptedException, ExecutionException, TimeoutException {
    long start = System.nanoTime();
    CompletableFuture<RebuildResult> done = views.rebuild(view).toCompletableFuture();
    long lastReport = start;
    while (!done.isDone()) {
      long now = System.nanoTime();
      if (now - lastReport > 10_000_000_000L) {
        lastReport = now;
        views.rebuilds().stream()
            .filter(r -> r.view().equals(view.name()))
            .findFirst()
            .ifPresent(
                r ->
                    progress.accept(
                        String.format(
                            Locale.ROOT,
                            "%.0f s: %,d of %,d events folded into v%d",
                            (now - start) / 1e9,
                            r.eventsDone(),
                            r.totalEvents(),
                            r.toVersion())));
      }
      if (now - start > limit.toNanos())
        throw new TimeoutException("rebuild not done after " + limit);
      try {
        done.get(every.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        // report and wait again
      }
    }
    done.get();
    return (System.nanoTime() - start) / 1e9;
  }

  /** Every slice has stored an offset (its projection started) and none is behind. */
  private static boolean caughtUp(List<ProjectionStatus> status) {
    return status.stream().allMatch(s -> s.storedOffsetTime() != null && s.caughtUp());
  }
}
