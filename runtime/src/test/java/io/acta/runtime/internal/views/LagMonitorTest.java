package io.acta.runtime.internal.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.api.view.ProjectionStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Measuring lag takes a bounded share of the store's time: a measurement that took long scanning a
 * large backlog is not repeated before ten times its duration has passed; quick ones, and slow ones
 * that found every projection near its end, run at every refresh.
 */
class LagMonitorTest {
  private final AtomicLong now = new AtomicLong(-5_000); // nanoTime may be negative
  private final AtomicInteger measured = new AtomicInteger();
  private volatile long takes;
  private volatile long behind;
  private volatile boolean timesOut;

  private final LagMonitor monitor =
      new LagMonitor(
          LagMonitor.Kind.VIEW,
          () -> {
            measured.incrementAndGet();
            now.addAndGet(takes);
            if (timesOut) throw new IllegalStateException("query timed out");
            return List.of(
                new ProjectionStatus(
                    "balances", 1, "account", 0, null, behind, Duration.ZERO, 0, null));
          },
          new SimpleMeterRegistry(),
          Duration.ofSeconds(30),
          now::get);

  @Test
  void quickMeasurementsRunAtEveryRefresh() {
    takes = 0;
    for (int i = 0; i < 5; i++) {
      monitor.refresh();
      now.addAndGet(10_000);
    }
    assertThat(measured).hasValue(5);
  }

  @Test
  void aLongMeasurementOfALargeBacklogIsNotRepeatedBeforeTenTimesItsDuration() {
    behind = LagMonitor.FAR_BEHIND;
    takes = 3_000;
    monitor.refresh(); // from -5,000 to -2,000: the next is due at -5,000 + 30,000
    assertThat(measured).hasValue(1);
    now.set(24_000);
    monitor.refresh();
    assertThat(measured).as("refreshed before ten times the last duration").hasValue(1);
    now.set(25_000);
    monitor.refresh();
    assertThat(measured).hasValue(2);
  }

  @Test
  void aMeasurementThatFailedWhileFarBehindIsNotRepeatedBeforeTenTimesItsDuration() {
    behind = LagMonitor.FAR_BEHIND;
    takes = 0;
    monitor.refresh();
    timesOut = true; // a count of a large backlog that timed out would time out again
    takes = 3_000;
    now.set(0);
    monitor.refresh(); // from 0 to 3,000: the next is due at 30,000
    assertThat(measured).hasValue(2);
    now.set(29_000);
    monitor.refresh();
    assertThat(measured).as("retried before ten times the failure's duration").hasValue(2);
    now.set(30_000);
    monitor.refresh();
    assertThat(measured).hasValue(3);
  }

  @Test
  void aMeasurementThatFailedNearTheEndIsRetriedAtTheNextRefresh() {
    behind = 0;
    monitor.refresh();
    timesOut = true; // a node down, say: the gauges must show the end of it soon after
    takes = 3_000;
    monitor.refresh();
    now.addAndGet(10_000);
    monitor.refresh();
    assertThat(measured).hasValue(3);
  }

  @Test
  void aLongMeasurementOfProjectionsNearTheirEndRunsAtEveryRefresh() {
    behind = LagMonitor.FAR_BEHIND - 1; // slow because the machine is busy, not scanning
    takes = 3_000;
    monitor.refresh();
    now.addAndGet(10_000);
    monitor.refresh();
    assertThat(measured).hasValue(2);
  }
}
