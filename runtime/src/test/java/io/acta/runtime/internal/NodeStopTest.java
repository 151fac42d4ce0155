package io.acta.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeStopTest {
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  private NodeStop stopWithin(Duration shutdownTimeout, Duration margin) {
    return new NodeStop("test-node", terminated, () -> shutdownTimeout, () -> "Test", margin);
  }

  @Test
  void aNodeHasStoppedWhenItsActorSystemHasTerminated() {
    NodeStop stop = stopWithin(Duration.ofMinutes(5), Duration.ofMinutes(5));
    assertThat(stop.stopped().toCompletableFuture()).isNotDone();

    terminated.complete(null);

    assertThat(stop.stopped().toCompletableFuture()).isCompleted();
  }

  @Test
  void aShutdownThatRunsPastItsBoundCountsAsStopped() throws Exception {
    NodeStop stop = stopWithin(Duration.ofMillis(50), Duration.ofMillis(50));

    stop.began();

    stop.stopped().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(terminated).as("the actor system never terminated").isNotDone();
  }

  @Test
  void theBoundRunsFromTheStartOfTheShutdownOnly() throws Exception {
    NodeStop stop = stopWithin(Duration.ofMillis(20), Duration.ofMillis(20));
    CompletableFuture<Void> stopped = stop.stopped().toCompletableFuture();

    // Well past the bound, but no shutdown began: a running node is not stopped.
    CompletableFuture<Void> pastTheBound = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)
        .execute(() -> pastTheBound.complete(null));
    pastTheBound.get(10, TimeUnit.SECONDS);
    assertThat(stopped).isNotDone();

    stop.began();
    stopped.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theBoundIsTheShutdownsTimeoutAndTheMargin() {
    assertThat(stopWithin(Duration.ofSeconds(75), Duration.ofSeconds(10)).bound())
        .isEqualTo(Duration.ofSeconds(85));
  }
}
