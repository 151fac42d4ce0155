package io.acta.runtime.internal.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.runtime.fixtures.TestSystems;
import io.acta.runtime.spi.ViewVersions;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.projection.ProjectionBehavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SliceSupervisorTest {
  private static final ActorTestKit kit =
      ActorTestKit.create(TestSystems.plain("slice-supervisor-test"));

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private final AtomicReference<ViewVersions> live = new AtomicReference<>(ViewVersions.FIRST);
  private final BlockingQueue<Integer> started = new LinkedBlockingQueue<>();
  private final BlockingQueue<Integer> retired = new LinkedBlockingQueue<>();

  @Test
  void runsEachLiveVersionAndTellsOfTheOnesItRetires() throws Exception {
    ActorRef<SliceSupervisor.Command> supervisor = kit.spawn(supervisor());
    assertThat(next(started)).as("the serving version starts").isEqualTo(1);

    live.set(new ViewVersions(1, 2));
    assertThat(next(started)).as("a rebuild's version starts beside it").isEqualTo(2);

    live.set(new ViewVersions(2, 0));
    assertThat(next(retired)).as("the switch-over retires the old version").isEqualTo(1);

    live.set(new ViewVersions(2, 3));
    assertThat(next(started)).isEqualTo(3);
    live.set(new ViewVersions(2, 0));
    assertThat(next(retired)).as("a rebuild given up retires its version").isEqualTo(3);

    var probe = kit.createTestProbe();
    supervisor.tell(SliceSupervisor.Stop.INSTANCE);
    probe.expectTerminated(supervisor);
    assertThat(retired)
        .as("stopping (the slice moves to another node) retires nothing: version 2 still serves")
        .isEmpty();
    assertThat(started).as("no version was started twice").isEmpty();
  }

  private static int next(BlockingQueue<Integer> queue) throws InterruptedException {
    Integer version = queue.poll(5, TimeUnit.SECONDS);
    assertThat(version).as("within 5 s").isNotNull();
    return version;
  }

  private Behavior<SliceSupervisor.Command> supervisor() {
    return SliceSupervisor.create(
        "balances",
        view -> CompletableFuture.completedFuture(live.get()),
        Duration.ofMillis(20),
        version -> {
          started.add(version);
          return Behaviors.<ProjectionBehavior.Command>ignore();
        },
        retired::add);
  }
}
