package io.acta.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class NodeStopTest {
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  /** The delays the node's stop asked for, each with its task, run when the test says so. */
  private final List<Duration> delays = new ArrayList<>();

  private final List<Runnable> due = new ArrayList<>();

  private NodeStop stopWithin(Duration shutdownTimeout, Duration margin) {
    return new NodeStop(
        "test-node",
        terminated,
        () -> shutdownTimeout,
        () -> "Test",
        margin,
        (after, task) -> {
          delays.add(after);
          due.add(task);
        });
  }

  @Test
  void aNodeHasStoppedWhenItsActorSystemHasTerminated() {
    NodeStop stop = stopWithin(Duration.ofMinutes(5), Duration.ofMinutes(5));
    assertThat(stop.stopped().toCompletableFuture()).isNotDone();

    terminated.complete(null);

    assertThat(stop.stopped().toCompletableFuture()).isCompleted();
  }

  @Test
  void aShutdownThatRunsPastItsBoundCountsAsStopped() {
    NodeStop stop = stopWithin(Duration.ofSeconds(75), Duration.ofSeconds(10));

    stop.began();
    assertThat(delays).containsExactly(Duration.ofSeconds(85));
    assertThat(stop.stopped().toCompletableFuture()).isNotDone();
    due.forEach(Runnable::run); // the bound has passed

    assertThat(stop.stopped().toCompletableFuture()).isCompleted();
    assertThat(terminated).as("the actor system never terminated").isNotDone();
  }

  @Test
  void theBoundRunsFromTheStartOfTheShutdownOnlyAndOnce() {
    NodeStop stop = stopWithin(Duration.ofSeconds(20), Duration.ofSeconds(20));

    // No shutdown began: nothing is timed, a running node is never counted as stopped.
    assertThat(delays).isEmpty();

    stop.began();
    stop.began(); // the first phase and a second caller: one bound
    assertThat(delays).containsExactly(Duration.ofSeconds(40));
  }

  @Test
  void theBoundIsTheShutdownsTimeoutAndTheMargin() {
    assertThat(stopWithin(Duration.ofSeconds(75), Duration.ofSeconds(10)).bound())
        .isEqualTo(Duration.ofSeconds(85));
  }
}
