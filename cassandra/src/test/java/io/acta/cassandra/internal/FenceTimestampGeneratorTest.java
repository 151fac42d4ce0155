package io.acta.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Write timestamps around a pause: the driver's own while the fence is open; after a pause (a retry
 * the throttler never saw) the fence's, from before the pause. How the fence picks it is {@code
 * PauseFenceTest}'s subject.
 */
class FenceTimestampGeneratorTest {
  private static final long BEFORE_THE_PAUSE = 1_700_000_000_000_000L;

  private final AtomicLong clock = new AtomicLong(BEFORE_THE_PAUSE + 20_000_000);
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final List<String> order = new ArrayList<>();
  private final FenceTimestampGenerator generator =
      new FenceTimestampGenerator(
          () -> {
            order.add("drawn");
            return clock.getAndIncrement();
          },
          candidate -> {
            order.add("fence");
            return open.get() ? candidate : Math.min(candidate, BEFORE_THE_PAUSE);
          });

  @Test
  void theDriversTimestampWhileTheFenceIsOpen() {
    long now = clock.get();
    assertThat(generator.next()).isEqualTo(now);
  }

  @Test
  void oneFromBeforeThePauseWhileItIsClosed() {
    open.set(false);
    assertThat(generator.next()).isEqualTo(BEFORE_THE_PAUSE);
  }

  @Test
  void theFenceIsAskedAfterTheTimestampIsDrawn() {
    // A pause between the two is then seen: the timestamp drawn before it is checked after it.
    generator.next();
    assertThat(order).containsExactly("drawn", "fence");
  }
}
