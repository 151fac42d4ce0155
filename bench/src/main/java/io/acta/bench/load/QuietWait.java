package io.acta.bench.load;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Waits until this JVM and another process (the Cassandra server) are nearly idle before a
 * measurement, so that what the run before left behind does not land in it: the JIT compiling the
 * code paths a previous run made hot, the server flushing and compacting what it wrote. Without it
 * the first measured run of the service read half the deposits/s of the same run a round later, at
 * twice the CPU per deposit in both processes.
 */
public final class QuietWait {
  /** Both processes together below this share of a core over one window count as quiet. */
  static final double QUIET_CORES = 0.25;

  private static final Duration WINDOW = Duration.ofSeconds(1);

  private QuietWait() {}

  /**
   * Blocks until two consecutive one-second windows are quiet, or {@code max} has passed; returns
   * how long it waited.
   */
  public static Duration await(OptionalLong otherPid, Duration max) throws InterruptedException {
    long start = System.nanoTime();
    int quiet = 0;
    while (quiet < 2 && System.nanoTime() - start < max.toNanos()) {
      CpuWindow window = CpuWindow.start(otherPid);
      TimeUnit.NANOSECONDS.sleep(WINDOW.toNanos());
      CpuWindow.Used used = window.stop();
      double cores =
          (Math.max(used.here(), 0) + Math.max(used.other(), 0)) / (double) WINDOW.toNanos();
      quiet = cores < QUIET_CORES ? quiet + 1 : 0;
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
