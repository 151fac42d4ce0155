package io.acta.bench.load;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Runs many asynchronous operations with a bounded number in flight: for set-up work (opening
 * accounts, writing a journal, activating entities), which must not flood a target with more
 * outstanding asks than it can answer before their timeouts.
 */
public final class Batches {
  private Batches() {}

  /**
   * Starts {@code operation(0 .. count-1)}, at most {@code window} at a time, and returns when all
   * have completed.
   *
   * @throws IllegalStateException with the first failure, once all have completed
   */
  public static void run(int count, int window, IntFunction<CompletionStage<?>> operation)
      throws InterruptedException {
    Semaphore permits = new Semaphore(window);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 0; i < count && failure.get() == null; i++) {
      permits.acquire();
      CompletionStage<?> stage;
      try {
        stage = operation.apply(i);
      } catch (RuntimeException e) {
        permits.release();
        failure.compareAndSet(null, e);
        break;
      }
      stage.whenComplete(
          (ok, error) -> {
            if (error != null) failure.compareAndSet(null, error);
            permits.release();
          });
    }
    permits.acquire(window);
    if (failure.get() != null)
      throw new IllegalStateException("set-up operation failed: " + failure.get(), failure.get());
  }
}
