package io.acta.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.CommandRejectedException;
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

/**
 * How long idempotency keys are remembered: every key for its whole window, however many an entity
 * takes, beyond the few it keeps in memory.
 */
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
          .withConfig("acta.entity-types.probe.idempotency { window = 1h, cached-keys = 2 }");

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
  void everyKeyOfTheWindowIsRecognisedHoweverManyCameAfterIt(EntityRef<Probe.Command<?>> probe) {
    assertThat(await(probe.ask(new Probe.Add(1, "k0")))).isEqualTo(1L);
    for (int i = 1; i <= 1000; i++) await(probe.ask(new Probe.Add(1, "k" + i)));

    assertThat(await(probe.ask(new Probe.Add(1, "k0"))))
        .as("the first key, 1000 keys later, gets its original reply")
        .isEqualTo(1L);
    assertThat(await(probe.ask(new Probe.Add(1, "k500")))).isEqualTo(501L);
    assertThat(await(probe.ask(new Probe.Get())).total()).isEqualTo(1001L);
  }

  @Test
  void keysBeyondTheCacheSurviveARestart(EntityRef<Probe.Command<?>> before) {
    for (int i = 1; i <= 10; i++) await(before.ask(new Probe.Add(1, "r" + i)));

    acta.restart();
    var after = acta.entity(Probe.TYPE, before.entityId());

    assertThat(await(after.ask(new Probe.Add(1, "r1")))).isEqualTo(1L);
    assertThat(await(after.ask(new Probe.Get())).total()).isEqualTo(10L);
  }

  @Test
  void aKeyBeyondTheCacheReusedForAnotherCommandIsRefused(EntityRef<Probe.Command<?>> probe) {
    await(probe.ask(new Probe.Add(1, "x1")));
    for (int i = 2; i <= 5; i++) await(probe.ask(new Probe.Add(1, "x" + i)));

    assertThatThrownBy(() -> await(probe.ask(new Probe.Add(7, "x1"))))
        .hasCauseInstanceOf(CommandRejectedException.class)
        .hasMessageContaining("idempotency key 'x1' was already used for a different command");
    assertThat(await(probe.ask(new Probe.Get())).total()).isEqualTo(5L);
  }

  @Test
  void aRetryWhileTheFirstIsInFlightGetsTheFirstsReply(EntityRef<Probe.Command<?>> probe) {
    for (int i = 1; i <= 3; i++) await(probe.ask(new Probe.Add(1, "f" + i)));
    // Sent back to back: the second arrives while the first waits for the key index.
    var first = probe.ask(new Probe.Add(10, "same"));
    var retry = probe.ask(new Probe.Add(10, "same"));

    assertThat(await(first)).isEqualTo(13L);
    assertThat(await(retry)).isEqualTo(13L);
    assertThat(await(probe.ask(new Probe.Get())).total()).isEqualTo(13L);
  }

  @Test
  void aKeyBeyondTheCacheIsForgottenOnceTheWindowHasPassed(EntityRef<Probe.Command<?>> probe) {
    await(probe.ask(new Probe.Add(5, "w0")));
    for (int i = 1; i <= 3; i++) await(probe.ask(new Probe.Add(1, "w" + i)));
    clock.advance(Duration.ofMinutes(61));

    assertThat(await(probe.ask(new Probe.Add(5, "w0")))).isEqualTo(13L);
  }

  @Test
  void aBlankKeyIsNoKey(EntityRef<Probe.Command<?>> probe) {
    await(probe.ask(new Probe.Add(1, " ")));
    assertThat(await(probe.ask(new Probe.Add(1, " ")))).isEqualTo(2L);
  }
}
