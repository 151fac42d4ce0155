package io.acta.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.acta.api.entity.EntityUnavailableException;
import io.acta.runtime.EntityRef;
import io.acta.runtime.fixtures.Counter;
import io.acta.runtime.internal.fence.PauseFence;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A node at a fence whose clock the test moves: after a simulated pause longer than the fence its
 * entities refuse every command at once, persisting nothing, and once the watchdog sees the pause
 * the node shuts down.
 */
class FencedEntityTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final AtomicLong wallMicros = new AtomicLong(1_700_000_000_000_000L);
  private final PauseFence fence = PauseFence.manual(nanos::get, wallMicros::get);
  private final String storeId = "fenced-" + UUID.randomUUID();

  private NodeRuntime start() {
    return NodeRuntime.start(
        "fenced",
        List.of(Counter.TYPE),
        ConfigFactory.parseString(
            "acta.persistence.store = in-memory\n"
                + "acta.persistence.in-memory.store-id = \""
                + storeId
                + "\"\n"
                + "acta.node.pause-fence = 2s\n"
                // pekko-discovery is older on this module's test class path (see
                // ClusterBootstrapTest).
                + "pekko.fail-mixed-versions = off\n"),
        Clock.systemUTC(),
        new CompositeMeterRegistry(),
        fence);
  }

  @Test
  void afterAPauseCommandsAreRefusedNothingIsStoredAndTheNodeShutsDown() throws Throwable {
    NodeRuntime node = start();
    EntityRef<Counter.Command<?>> counter = node.entityRef(Counter.TYPE, "c1");
    assertThat(ask(counter, new Counter.Add(5, "k1"))).isEqualTo(5);

    nanos.addAndGet(Duration.ofSeconds(30).toNanos()); // paused; the watchdog has not run yet
    assertThatThrownBy(() -> ask(counter, new Counter.Add(7, "k2")))
        .isInstanceOf(EntityUnavailableException.class)
        .hasMessageContaining("paused for 30.0 s")
        .hasMessageContaining("pause fence (acta.node.pause-fence = 2.0 s)")
        .hasMessageEndingWith("nothing was stored");
    assertThatThrownBy(() -> counter.state().toCompletableFuture().get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(EntityUnavailableException.class);

    fence.tick(); // the watchdog sees the pause: the node downs itself and stops
    node.system().getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);

    // The fence opens for a node started once the paused one has gone: it finds only the
    // command acknowledged before the pause.
    awaitOpen();
    NodeRuntime next = start();
    try {
      EntityRef<Counter.Command<?>> again = next.entityRef(Counter.TYPE, "c1");
      assertThat(again.state().toCompletableFuture().get(30, TimeUnit.SECONDS))
          .isEqualTo(new Counter.State(5));
    } finally {
      next.shutdown();
    }
  }

  private static Object ask(EntityRef<Counter.Command<?>> ref, Counter.Command<?> command)
      throws Throwable {
    try {
      return ref.ask(command).toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  private void awaitOpen() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!fence.isOpen()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("fence still closed after " + WAIT);
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
