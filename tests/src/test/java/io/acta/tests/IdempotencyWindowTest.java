package io.acta.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.runtime.EntityRef;
import io.acta.testkit.ActaExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How long, and how many, idempotency keys are remembered. */
class IdempotencyWindowTest {

  /** A clock the test moves forward. */
  static final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static final TestClock clock = new TestClock();

  @RegisterExtension
  static final ActaExtension acta =
      ActaExtension.with(Probe.TYPE)
          .withClock(clock)
          .withConfig("acta.entity-types.probe.idempotency { window = 1h, max-keys = 2 }");

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void aKeyIsForgottenOnceTheWindowHasPassed(EntityRef<Probe.Command<?>> probe) {
    assertThat(await(probe.ask(new Probe.Add(5, "k")))).isEqualTo(5L);
    clock.advance(Duration.ofMinutes(59));
    assertThat(await(probe.ask(new Probe.Add(5, "k")))).isEqualTo(5L);

    clock.advance(Duration.ofMinutes(2));

    assertThat(await(probe.ask(new Probe.Add(5, "k")))).isEqualTo(10L);
  }

  @Test
  void onlyTheNewestKeysAreKeptBeyondMaxKeys(EntityRef<Probe.Command<?>> probe) {
    await(probe.ask(new Probe.Add(1, "k1")));
    await(probe.ask(new Probe.Add(1, "k2")));
    await(probe.ask(new Probe.Add(1, "k3")));

    assertThat(await(probe.ask(new Probe.Add(1, "k3")))).as("k3 is remembered").isEqualTo(3L);
    assertThat(await(probe.ask(new Probe.Add(1, "k1")))).as("k1 was forgotten").isEqualTo(4L);
  }

  @Test
  void aBlankKeyIsNoKey(EntityRef<Probe.Command<?>> probe) {
    await(probe.ask(new Probe.Add(1, " ")));
    assertThat(await(probe.ask(new Probe.Add(1, " ")))).isEqualTo(2L);
  }
}
