package io.acta.tests.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.CommandRejectedException;
import io.acta.api.process.StuckProcess;
import io.acta.testkit.ActaExtension;
import io.acta.tests.Eventually;
import io.acta.tests.Fragile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A process whose step keeps failing is reported — listed, counted by a gauge — and an operator
 * either retries it once the cause is fixed, or abandons the step and the process compensates.
 */
class StuckProcessTest {
  @RegisterExtension final ActaExtension acta = ActaExtension.with(Fragile.TYPE, Courier.TYPE);

  /** Reported after 5 failed attempts, about 3 s of backoff. */
  private static final Duration REPORTED = Duration.ofSeconds(20);

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  /** A fragile counter so full that adding {@code n} more fails. */
  private void full(String id) {
    await(acta.entity(Fragile.TYPE, id).ask(new Fragile.Add(Long.MAX_VALUE - 5, id + "-fill")));
  }

  /** The courier's state, read as HTTP and operations read it (answered even while it asks). */
  private Courier.State courier(String id) {
    return (Courier.State) await(acta.entity(Courier.TYPE, id).state());
  }

  private double stuckGauge() {
    var gauge =
        acta.node().meters().find("acta.processes.stuck").tag("entity_type", "courier").gauge();
    assertThat(gauge).as("the stuck-processes gauge of courier").isNotNull();
    return gauge.value();
  }

  private List<StuckProcess> stuck() {
    return acta.node().processes().stuck();
  }

  @Test
  void aStepThatKeepsFailingIsReportedAndRetriedByAnOperatorOnceItsCauseIsFixed() {
    assertThat(stuckGauge()).isZero();
    full("f-1");
    await(acta.entity(Courier.TYPE, "c-1").ask(new Courier.Send("f-1", 10)));

    StuckProcess reported = Eventually.await(REPORTED, this::stuck, s -> !s.isEmpty()).getFirst();
    assertThat(reported.processType()).isEqualTo("courier");
    assertThat(reported.processId()).isEqualTo("c-1");
    assertThat(reported.step()).isEqualTo("ask fragile|f-1");
    assertThat(reported.retrying()).isTrue();
    assertThat(reported.attempts()).isGreaterThanOrEqualTo(5);
    assertThat(reported.reason()).contains("long overflow");
    assertThat(stuckGauge()).isEqualTo(1);
    assertThat(courier("c-1").status())
        .as("reads still answered")
        .isEqualTo(Courier.Status.SENDING);

    // The cause is fixed (room made in the counter); the operator need not wait for the backoff.
    await(acta.entity(Fragile.TYPE, "f-1").ask(new Fragile.Add(-100, "f-1-drain")));
    await(acta.node().processes().retry("courier", "c-1"));
    Eventually.await(REPORTED, () -> courier("c-1").status(), s -> s == Courier.Status.DELIVERED);
    assertThat(stuck()).isEmpty();
    assertThat(stuckGauge()).isZero();
    assertThat(await(acta.entity(Fragile.TYPE, "f-1").ask(new Fragile.Get())).events())
        .as("fill, drain and the courier's add, once")
        .isEqualTo(3);
  }

  @Test
  void anAbandonedStepBecomesTheProcesssRejectionEventAndItGoesOnFromThere() {
    full("f-2");
    await(acta.entity(Courier.TYPE, "c-2").ask(new Courier.Send("f-2", 10)));
    Eventually.await(REPORTED, this::stuck, s -> !s.isEmpty());

    await(acta.node().processes().abandon("courier", "c-2", "the counter is full for good"));
    Courier.State state = courier("c-2");
    assertThat(state.status()).isEqualTo(Courier.Status.GAVE_UP);
    assertThat(state.outcome()).isEqualTo("abandoned by an operator: the counter is full for good");
    Eventually.await(REPORTED, this::stuck, List::isEmpty);
    assertThat(stuckGauge()).isZero();
  }

  @Test
  void operatorsAreToldWhatCannotBeRetriedOrAbandoned() {
    full("f-3");
    await(acta.entity(Fragile.TYPE, "f-3").ask(new Fragile.Add(-100, "f-3-drain")));
    await(acta.entity(Courier.TYPE, "c-3").ask(new Courier.Send("f-3", 10)));
    Eventually.await(REPORTED, () -> courier("c-3").status(), s -> s == Courier.Status.DELIVERED);

    assertThatThrownBy(() -> await(acta.node().processes().retry("courier", "c-3")))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(CommandRejectedException.class)
        .hasMessageContaining("is not stuck");
    assertThatThrownBy(() -> await(acta.node().processes().abandon("courier", "c-3", "why not")))
        .cause()
        .isInstanceOf(CommandRejectedException.class)
        .hasMessageContaining("not waiting on an ask");
    assertThatThrownBy(() -> acta.node().processes().retry("fragile", "f-3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a process type");
  }
}
