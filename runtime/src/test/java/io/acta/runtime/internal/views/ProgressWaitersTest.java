package io.acta.runtime.internal.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ProgressWaitersTest {
  private final ProgressWaiters waiters = new ProgressWaiters();

  @Test
  void aWaiterWakesWhenItsEntityReachesItsPositionInItsVersion() {
    CompletableFuture<Void> waiting = waiters.await("balances", 1, "account|a", 5);

    waiters.reached("balances", 1, Map.of("account|a", 4L, "account|b", 9L));
    assertThat(waiting).isNotDone();
    waiters.reached("balances", 2, Map.of("account|a", 5L)); // a rebuild's version
    waiters.reached("history", 1, Map.of("account|a", 5L)); // another view
    assertThat(waiting).isNotDone();

    waiters.reached("balances", 1, Map.of("account|a", 6L));
    assertThat(waiting).isCompleted();
    assertThat(waiters.size()).isZero();
  }

  @Test
  void aWaiterThatEndsAnotherWayIsForgotten() {
    CompletableFuture<Void> waiting = waiters.await("balances", 1, "account|a", 5);
    CompletableFuture<Void> other = waiters.await("balances", 1, "account|a", 8);

    waiting.cancel(false);

    assertThat(waiters.size()).isEqualTo(1);
    waiters.reached("balances", 1, Map.of("account|a", 8L));
    assertThat(other).isCompleted();
    assertThat(waiters.size()).isZero();
  }
}
