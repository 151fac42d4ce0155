package io.acta.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.CommandRejectedException;
import io.acta.api.entity.CommandTimeoutException;
import io.acta.api.entity.Done;
import io.acta.api.entity.EntityFailureException;
import io.acta.api.entity.PersistenceId;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.runtime.EntityRef;
import io.acta.testkit.ActaExtension;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each kind of effect and failure, as a caller of a running node sees it. */
class EffectSemanticsTest {

  @RegisterExtension static final ActaExtension acta = ActaExtension.with(Probe.TYPE, Account.TYPE);

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static String pid(EntityRef<?> ref) {
    return PersistenceId.of(ref.entityType(), ref.entityId()).value();
  }

  @Test
  void severalEventsArePersistedTogetherAndTheReplySeesAllOfThem(
      EntityRef<Probe.Command<?>> probe) {
    assertThat(await(probe.ask(new Probe.AddTwice(5)))).isEqualTo(10L);
    assertThat(acta.store().eventCount(pid(probe))).isEqualTo(2);
    assertThat(await(probe.ask(new Probe.Get()))).isEqualTo(new Probe.State(10, 2));
  }

  @Test
  void noneRepliesDoneToACommandThatExpectsDone(EntityRef<Probe.Command<?>> probe) {
    assertThat(await(probe.ask(new Probe.Ping()))).isEqualTo(Done.DONE);
    assertThat(acta.store().eventCount(pid(probe))).isZero();
  }

  @Test
  void anEntityThatForgetsToReplyFailsTheCallerAtOnceInsteadOfTimingOut(
      EntityRef<Probe.Command<?>> probe) {
    assertThatThrownBy(() -> await(probe.ask(new Probe.Forget(), Duration.ofSeconds(30))))
        .cause()
        .isInstanceOf(EntityFailureException.class)
        .hasMessageContaining("gave no reply to Forget");
  }

  @Test
  void anExceptionInDecideFailsOnlyThatCommand(EntityRef<Probe.Command<?>> probe) {
    await(probe.ask(new Probe.Add(3, null)));
    assertThatThrownBy(() -> await(probe.ask(new Probe.Boom())))
        .cause()
        .isInstanceOf(EntityFailureException.class)
        .hasMessageContaining("decide() failed on Boom: boom");
    assertThat(await(probe.ask(new Probe.Get()))).isEqualTo(new Probe.State(3, 1));
  }

  @Test
  void sideEffectsRunAfterPersistingWithTheNewStateAndBeforeTheReply(
      EntityRef<Probe.Command<?>> probe) {
    String channel = "notify-" + probe.entityId();
    await(probe.ask(new Probe.Add(41, null)));
    assertThat(await(probe.ask(new Probe.Notify(channel)))).isEqualTo(42L);
    assertThat(Probe.SEEN.get(channel)).containsExactly(42L);
  }

  @Test
  void aRejectionArrivesAtOnceWithItsReasonAndRunsNoSideEffect(EntityRef<Probe.Command<?>> probe) {
    assertThatThrownBy(() -> await(probe.ask(new Probe.Refuse("r"), Duration.ofSeconds(30))))
        .cause()
        .isInstanceOf(CommandRejectedException.class)
        .hasMessage("refused");
    assertThat(acta.store().eventCount(pid(probe))).isZero();
  }

  @Test
  void aSlowEntityTimesTheCallerOutAndThenAnswersAgain(EntityRef<Probe.Command<?>> probe) {
    String latch = "hold-" + probe.entityId();
    Probe.LATCHES.put(latch, new CountDownLatch(1));
    try {
      assertThatThrownBy(() -> await(probe.ask(new Probe.Hold(latch), Duration.ofMillis(300))))
          .cause()
          .isInstanceOf(CommandTimeoutException.class)
          .hasMessageContaining("no reply from probe");
    } finally {
      Probe.LATCHES.get(latch).countDown();
    }
    assertThat(await(probe.ask(new Probe.Add(1, null)))).isEqualTo(1L);
  }

  @Test
  void tellIsFireAndForgetButKeepsOrderFromOneSender(EntityRef<Probe.Command<?>> probe) {
    probe.tell(new Probe.Add(2, null));
    probe.tell(new Probe.Add(3, null));
    assertThat(await(probe.ask(new Probe.Get())).total()).isEqualTo(5L);
  }

  @Test
  void anUnknownEntityTypeFailsAtOnce() {
    assertThatThrownBy(() -> acta.node().entity("nope", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown entity type 'nope'")
        .hasMessageContaining("probe");
  }

  @Test
  void emptyOversizedAndControlCharacterIdsFailAtOnce() {
    assertThatThrownBy(() -> acta.node().entity(Probe.TYPE, ""))
        .hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> acta.node().entity(Probe.TYPE, "x".repeat(201)))
        .hasMessageContaining("at most 200");
    assertThatThrownBy(() -> acta.node().entity(Probe.TYPE, "a\nb"))
        .hasMessageContaining("control characters");
    assertThat(acta.node().entity(Probe.TYPE, "x".repeat(200)).entityId()).hasSize(200);
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aCommandOfAnotherEntityTypeFailsAtOnce(EntityRef<Probe.Command<?>> probe) {
    EntityRef raw = probe;
    assertThatThrownBy(() -> raw.ask(new AccountCommand.Get()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a command of entity type 'probe'");
  }
}
