package io.acta.runtime.internal.entity;

import java.time.Duration;

/**
 * How a process sends an unanswered step again: exponential backoff from {@code min} to {@code
 * max}, and a warning once {@code reportAfter} attempts in a row have failed.
 */
record ProcessRetries(Duration min, Duration max, int reportAfter) {
  static final ProcessRetries DEFAULT =
      new ProcessRetries(Duration.ofMillis(200), Duration.ofSeconds(10), 5);

  /** The wait before attempt {@code failures + 1}. */
  Duration delay(int failures) {
    long millis = min.toMillis() << Math.min(20, Math.max(0, failures - 1));
    return Duration.ofMillis(Math.min(max.toMillis(), millis));
  }
}
