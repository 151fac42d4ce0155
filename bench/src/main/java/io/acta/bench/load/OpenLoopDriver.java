package io.acta.bench.load;

import io.acta.bench.Progress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Applies an open-loop load to one {@link CommandTarget}: commands arrive at a fixed rate, on a
 * schedule fixed in advance, whether or not earlier ones have been answered, as users of a service
 * arrive.
 *
 * <p>Coordinated omission: a closed-loop client that waits for a slow reply also delays the
 * commands it would have sent meanwhile, so the stall is recorded once instead of for every command
 * it held up. Here each command's latency runs from its <em>intended</em> send time on the
 * schedule, not from when it was actually sent: if the target (or this sender, sharing the cores)
 * falls behind, the commands sent late carry their wait in their latency.
 *
 * <p>Bounded in count and time: the schedule has exactly {@code rate × (warm-up + measurement)}
 * commands; at most {@link #MAX_IN_FLIGHT} are outstanding (past that the sender waits, and the
 * wait counts in the latency of what it sends next); commands still unanswered {@link #DRAIN} after
 * the schedule ends count as errors.
 */
public final class OpenLoopDriver {
  /**
   * Outstanding commands at most; also keeps the HTTP client's connections below the server's
   * limit.
   */
  public static final int MAX_IN_FLIGHT = 512;

  /** How long the driver waits for the last answers once the schedule has ended. */
  public static final Duration DRAIN = Duration.ofSeconds(30);

  private final CommandTarget target;
  private final int accounts;
  private final Recorder recorder = new Recorder(3);
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong lastCompletion = new AtomicLong();
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

  private OpenLoopDriver(CommandTarget target, int accounts) {
    this.target = target;
    this.accounts = accounts;
  }

  /**
   * Sends to {@code target} at {@code rate} commands per second for {@code warmup} (unrecorded) and
   * then {@code measure}, spreading them round-robin over {@code accounts} accounts.
   */
  public static OpenLoopResult run(
      CommandTarget target,
      double rate,
      int accounts,
      Duration warmup,
      Duration measure,
      Progress progress)
      throws InterruptedException {
    return new OpenLoopDriver(target, accounts).run(rate, warmup, measure, progress);
  }

  private OpenLoopResult run(double rate, Duration warmup, Duration measure, Progress progress)
      throws InterruptedException {
    double interval = 1e9 / rate;
    long total = Math.round(rate * (warmup.toNanos() + measure.toNanos()) / 1e9);
    long firstMeasured = Math.round(rate * warmup.toNanos() / 1e9);
    progress.detail(
        String.format(
            Locale.ROOT,
            "%s: %,.0f commands/s for %d s warm-up + %d s measurement (%,d commands)",
            target.name(),
            rate,
            warmup.toSeconds(),
            measure.toSeconds(),
            total));
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    long measureStart = start + Math.round(firstMeasured * interval);
    for (long i = 0; i < total; i++) {
      long intended = start + Math.round(i * interval);
      long now;
      while ((now = System.nanoTime()) < intended) LockSupport.parkNanos(intended - now);
      inFlight.acquire();
      boolean measured = i >= firstMeasured;
      CompletableFuture<?> reply;
      try {
        reply = target.send((int) (i % accounts)).toCompletableFuture();
      } catch (RuntimeException e) {
        reply = CompletableFuture.failedFuture(e);
      }
      reply.whenComplete(
          (ok, error) -> {
            long done = System.nanoTime();
            try {
              if (!measured) return;
              // A failed command is not counted here: errors are the scheduled commands not
              // completed.
              if (error == null) {
                recorder.recordValue(done - intended);
                completed.incrementAndGet();
              }
              lastCompletion.accumulateAndGet(done, Math::max);
            } finally {
              // Only once counted: the driver reads the counts as soon as it holds every permit.
              inFlight.release();
            }
          });
    }
    long scheduled = total - firstMeasured;
    boolean drained = inFlight.tryAcquire(MAX_IN_FLIGHT, DRAIN.toSeconds(), TimeUnit.SECONDS);
    if (drained) inFlight.release(MAX_IN_FLIGHT);
    long ok = completed.get();
    long errors = scheduled - ok;
    if (!drained)
      progress.detail(
          target.name()
              + ": commands still unanswered "
              + DRAIN.toSeconds()
              + " s after the schedule ended, counted as errors");
    double seconds = Math.max(measure.toNanos(), lastCompletion.get() - measureStart) / 1e9;
    Histogram latencies = recorder.getIntervalHistogram();
    return new OpenLoopResult(rate, scheduled, ok, errors, seconds, latencies);
  }
}
