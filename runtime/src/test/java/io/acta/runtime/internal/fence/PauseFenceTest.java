package io.acta.runtime.internal.fence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The fence on a clock the test moves: a pause is the clock jumping ahead between two ticks of the
 * watchdog.
 */
class PauseFenceTest {
  private static final Duration THRESHOLD = Duration.ofSeconds(3);

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final AtomicLong wallMicros = new AtomicLong(1_700_000_000_000_000L);
  private final PauseFence fence = PauseFence.manual(nanos::get, wallMicros::get);
  private final List<PauseFence.Trip> trips = new CopyOnWriteArrayList<>();

  /** Moves both clocks on, as time passing does. */
  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
    wallMicros.addAndGet(d.toNanos() / 1_000);
  }

  /** The watchdog ticking every 100 ms through {@code d} of normal running. */
  private void run(Duration d) {
    for (long t = 0; t < d.toMillis(); t += PauseFence.TICK.toMillis()) {
      advance(PauseFence.TICK);
      fence.tick();
    }
  }

  @Test
  void isOpenWithoutRegistrationsAndWhileTheWatchdogTicks() {
    advance(Duration.ofMinutes(5));
    assertThat(fence.isOpen()).as("nothing registered").isTrue();

    fence.register("n1", THRESHOLD, trips::add);
    run(Duration.ofSeconds(30));
    assertThat(fence.isOpen()).isTrue();
    assertThat(fence.timestamp(42)).isEqualTo(42);
    assertThat(trips).isEmpty();
  }

  @Test
  void aCallerThatRunsBeforeTheWatchdogAfterAPauseIsRefused() {
    fence.register("n1", THRESHOLD, trips::add);
    run(Duration.ofSeconds(1));
    long lastRunning = wallMicros.get();

    advance(Duration.ofSeconds(20)); // SIGSTOP ... SIGCONT; the watchdog has not run yet
    assertThat(fence.isOpen()).isFalse();
    assertThat(fence.timestamp(wallMicros.get()))
        .as("a write timestamp drawn now is moved back to before the pause")
        .isEqualTo(lastRunning);
    assertThat(fence.refusal()).contains("paused for 20.0 s").contains("3.0 s");
    assertThat(trips).as("only the watchdog trips the fence").isEmpty();
  }

  @Test
  void theWatchdogTripsOnAGapAndTheFenceStaysClosed() {
    fence.register("n1", THRESHOLD, trips::add);
    run(Duration.ofSeconds(1));
    long lastRunning = wallMicros.get();

    advance(Duration.ofSeconds(20));
    fence.tick();
    assertThat(trips).hasSize(1);
    assertThat(trips.get(0).paused()).isEqualTo(Duration.ofSeconds(20));
    assertThat(trips.get(0).threshold()).isEqualTo(THRESHOLD);

    run(Duration.ofSeconds(10)); // ticking normally again does not reopen it
    assertThat(fence.isOpen()).isFalse();
    assertThat(fence.timestamp(wallMicros.get())).isEqualTo(lastRunning);
    assertThat(fence.refusal()).contains("paused for 20.0 s");
    advance(Duration.ofSeconds(20));
    fence.tick();
    assertThat(trips).as("called back once").hasSize(1);
  }

  @Test
  void pausesShorterThanTheThresholdLeaveItOpen() {
    fence.register("n1", THRESHOLD, trips::add);
    run(Duration.ofSeconds(1));
    advance(Duration.ofMillis(2_900)); // a long GC pause, say
    assertThat(fence.isOpen()).isTrue();
    fence.tick();
    assertThat(fence.isOpen()).isTrue();
    assertThat(trips).isEmpty();
  }

  @Test
  void theSmallestThresholdOfTheRegisteredNodesCountsAndEveryNodeIsCalledBack() {
    List<String> called = new CopyOnWriteArrayList<>();
    fence.register("slow", Duration.ofSeconds(10), t -> called.add("slow"));
    PauseFence.Registration quick = fence.register("quick", THRESHOLD, t -> called.add("quick"));
    run(Duration.ofSeconds(1));
    advance(Duration.ofSeconds(5));
    assertThat(fence.isOpen()).isFalse();
    fence.tick();
    assertThat(called).containsExactlyInAnyOrder("slow", "quick");

    quick.close();
    assertThat(fence.isOpen()).as("still tripped: the slow node has not stopped").isFalse();
  }

  @Test
  void aTripHoldsUntilEveryNodeThatWasPausedHasStopped() {
    PauseFence.Registration paused = fence.register("paused", THRESHOLD, trips::add);
    run(Duration.ofSeconds(1));
    advance(Duration.ofSeconds(20));
    fence.tick();
    PauseFence.Registration restarted = fence.register("restarted", THRESHOLD, trips::add);
    run(Duration.ofSeconds(1));
    assertThat(fence.isOpen()).as("the paused node is still shutting down").isFalse();

    paused.close();
    assertThat(fence.isOpen()).as("a node started after the pause may write").isTrue();
    assertThat(fence.timestamp(42)).isEqualTo(42);
    run(Duration.ofSeconds(1));
    assertThat(fence.isOpen()).isTrue();
    restarted.close();
  }

  @Test
  void anUnwatchedStretchBeforeTheFirstRegistrationIsNoPause() {
    PauseFence.Registration first = fence.register("n1", THRESHOLD, trips::add);
    first.close();
    advance(Duration.ofMinutes(10)); // no node: nobody ticks
    fence.register("n2", THRESHOLD, trips::add);
    assertThat(fence.isOpen()).isTrue();
    fence.tick();
    assertThat(trips).isEmpty();
  }

  @Test
  void aThresholdMustBePositive() {
    assertThatThrownBy(() -> fence.register("n1", Duration.ZERO, trips::add))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theJvmsWatchdogTicksOnItsOwnThread() throws InterruptedException {
    PauseFence jvm = PauseFence.jvm();
    PauseFence.Registration r = jvm.register("watched", Duration.ofSeconds(1), trips::add);
    try {
      assertThat(
              Thread.getAllStackTraces().keySet().stream()
                  .anyMatch(t -> t.getName().equals("acta-pause-fence") && t.isDaemon()))
          .isTrue();
      // Past the threshold: still open only because the watchdog keeps ticking.
      Thread.sleep(Duration.ofMillis(2_500));
      assertThat(jvm.isOpen()).isTrue();
    } finally {
      r.close();
    }
    assertThat(trips).isEmpty();
  }
}
