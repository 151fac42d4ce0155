package io.acta.bench.load;

import io.acta.bench.Progress;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Applies a closed-loop load to one {@link CommandTarget}: a fixed number of clients, each with one
 * command outstanding, sending the next as soon as the previous is answered. Closed-loop keeps the
 * offered load equal for every target (the same number of commands in flight), so throughput and
 * latency compare directly; it does not measure behaviour under overload.
 *
 * <p>Client {@code c} cycles through accounts {@code c, c + clients, c + 2·clients, ...}: no two
 * clients ever hit the same account, so no target is slowed by contention on one entity, and every
 * target sees exactly the same sequence.
 */
public final class ClosedLoopDriver {
  private final CommandTarget target;
  private final LoadShape shape;
  private final OptionalLong serverPid;
  private final Recorder recorder = new Recorder(3);
  private final AtomicLong errors = new AtomicLong();
  private final CountDownLatch stopped;
  private volatile boolean running = true;
  private volatile boolean measuring;

  private ClosedLoopDriver(CommandTarget target, LoadShape shape, OptionalLong serverPid) {
    this.target = target;
    this.shape = shape;
    this.serverPid = serverPid;
    this.stopped = new CountDownLatch(shape.clients());
  }

  /**
   * Warms {@code target} up for the shape's warm-up, then measures it for the shape's measurement
   * time; the CPU time of process {@code serverPid} (the store's server, if any) is measured beside
   * this JVM's.
   */
  public static LoadResult run(
      CommandTarget target, LoadShape shape, OptionalLong serverPid, Progress progress)
      throws InterruptedException {
    return new ClosedLoopDriver(target, shape, serverPid).run(progress);
  }

  private LoadResult run(Progress progress) throws InterruptedException {
    progress.detail(target.name() + ": warm-up " + shape.warmup().toSeconds() + " s");
    for (int c = 0; c < shape.clients(); c++) new Client(c).loop();
    sleep(shape.warmup());
    recorder.reset();
    errors.set(0);
    progress.detail(target.name() + ": measuring " + shape.measure().toSeconds() + " s");
    long start = System.nanoTime();
    long cpuStart = ProcessCpu.nanos();
    long serverCpuStart = ProcessCpu.nanos(serverPid);
    measuring = true;
    sleep(shape.measure());
    measuring = false;
    double seconds = (System.nanoTime() - start) / 1e9;
    long cpuEnd = ProcessCpu.nanos();
    long serverCpuEnd = ProcessCpu.nanos(serverPid);
    Histogram latencies = recorder.getIntervalHistogram();
    long failed = errors.get();
    running = false;
    // Let every outstanding command finish, so that the next target starts on a quiet system.
    if (!stopped.await(60, TimeUnit.SECONDS))
      progress.detail(target.name() + ": some commands still outstanding after 60 s");
    return new LoadResult(
        latencies.getTotalCount(),
        failed,
        seconds,
        latencies,
        seconds(cpuStart, cpuEnd),
        seconds(serverCpuStart, serverCpuEnd));
  }

  /** CPU seconds between two readings, negative when either is unknown. */
  private static double seconds(long startNanos, long endNanos) {
    return startNanos < 0 || endNanos < 0 ? -1 : (endNanos - startNanos) / 1e9;
  }

  private static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  /** One client: one command outstanding at a time. */
  private final class Client {
    private int account;

    Client(int index) {
      this.account = index % shape.accounts();
    }

    /**
     * Sends commands until the driver stops. A command that completes at once (a synchronous
     * target) loops here instead of recursing, so the stack never grows.
     */
    void loop() {
      while (running) {
        int a = account;
        account = (account + shape.clients()) % shape.accounts();
        long sent = System.nanoTime();
        CompletableFuture<?> reply;
        try {
          reply = target.send(a).toCompletableFuture();
        } catch (RuntimeException e) {
          done(sent, e);
          continue;
        }
        if (reply.isDone()) {
          done(sent, reply.isCompletedExceptionally() ? new RuntimeException("failed") : null);
          continue;
        }
        reply.whenComplete(
            (ok, error) -> {
              done(sent, error);
              loop();
            });
        return;
      }
      stopped.countDown();
    }

    private void done(long sent, Throwable error) {
      if (!measuring) return;
      if (error != null) errors.incrementAndGet();
      else recorder.recordValue(System.nanoTime() - sent);
    }
  }
}
