package io.acta.runtime.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The resend rule of keyed commands: ask, and ask again with the same command after a third of the
 * ask timeout without a reply (at least {@link #MIN_ATTEMPT}), until the timeout; the last attempt
 * waits only for what is left. Cluster sharding drops a message it buffered for a shard being
 * handed off without telling the sender; the entity answers a repeat of the key with its first
 * reply, so a resend never applies a command twice.
 */
final class Resending {
  /** The shortest wait before a resend. */
  static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);

  private Resending() {}

  /**
   * Runs {@code attempt} (given how long it may wait; it fails with a {@link TimeoutException} when
   * that passes without a reply) until one answers, fails otherwise, or {@code timeout} has passed
   * since now by {@code nanoClock}.
   */
  static <T> CompletionStage<T> ask(
      Function<Duration, CompletionStage<T>> attempt, Duration timeout, LongSupplier nanoClock) {
    return ask(attempt, nanoClock.getAsLong() + timeout.toNanos(), timeout, nanoClock);
  }

  private static <T> CompletionStage<T> ask(
      Function<Duration, CompletionStage<T>> attempt,
      long deadlineNanos,
      Duration timeout,
      LongSupplier nanoClock) {
    long left = deadlineNanos - nanoClock.getAsLong();
    long each = Math.max(MIN_ATTEMPT.toNanos(), timeout.toNanos() / 3);
    Duration wait = Duration.ofNanos(Math.max(1, Math.min(left, each)));
    return attempt
        .apply(wait)
        .exceptionallyCompose(
            error -> {
              Throwable cause =
                  error instanceof CompletionException && error.getCause() != null
                      ? error.getCause()
                      : error;
              if (cause instanceof TimeoutException && deadlineNanos - nanoClock.getAsLong() > 0)
                return ask(attempt, deadlineNanos, timeout, nanoClock);
              return CompletableFuture.failedFuture(cause);
            });
  }
}
