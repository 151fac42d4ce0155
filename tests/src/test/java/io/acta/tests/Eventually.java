package io.acta.tests;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for an eventually consistent read (a view catching up) to satisfy a condition, within a
 * bound.
 */
public final class Eventually {
  private Eventually() {}

  public static <T> T await(Duration limit, Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + limit.toNanos();
    T last = read.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("not reached within " + limit + "; last seen: " + last);
      // The projection runs elsewhere and tells nobody: polling is the await. 20 ms keeps it cheap.
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      last = read.get();
    }
    return last;
  }
}
