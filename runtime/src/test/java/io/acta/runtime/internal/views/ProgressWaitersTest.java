package io.acta.runtime.internal.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ProgressWaitersTest {
  private final ProgressWaiters waiters = new ProgressWaiters();

  @Test
  void aWaiterWakesWhenItsEntityReachesItsPositionInItsVersion() {
    CompletableFuture<Optional<Object>> waiting = waiters.await("balances", 1, "account|a", 5, "a");

    waiters.reached("balances", 1, Map.of("account|a", 4L, "account|b", 9L), Map.of());
    assertThat(waiting).isNotDone();
    waiters.reached("balances", 2, Map.of("account|a", 5L), Map.of()); // a rebuild's version
    waiters.reached("history", 1, Map.of("account|a", 5L), Map.of()); // another view
    assertThat(waiting).isNotDone();

    waiters.reached("balances", 1, Map.of("account|a", 6L), Map.of());
    assertThat(waiting).isCompletedWithValue(Optional.empty());
    assertThat(waiters.size()).isZero();
  }

  @Test
  void aWaiterWokenByTheGroupThatWroteItsRowGetsTheRow() {
    CompletableFuture<Optional<Object>> mine = waiters.await("balances", 1, "account|a", 5, "a");
    CompletableFuture<Optional<Object>> other = waiters.await("balances", 1, "account|a", 5, "b");

    waiters.reached("balances", 1, Map.of("account|a", 5L), Map.of("a", "row of a"));

    assertThat(mine).isCompletedWithValue(Optional.of("row of a"));
    assertThat(other).isCompletedWithValue(Optional.empty()); // not written: read it
  }

  @Test
  void aPositionANoticeCoveredAlreadyIsReachedAtOnceAndTheLatestNoticeIsRemembered() {
    assertThat(waiters.known("balances", 1, "account|a")).isEqualTo(-1);
    waiters.reached("balances", 1, Map.of("account|a", 7L), Map.of("a", "row"));
    waiters.reached("balances", 1, Map.of("account|a", 6L), Map.of()); // late, from another node

    assertThat(waiters.known("balances", 1, "account|a")).isEqualTo(7);
    assertThat(waiters.await("balances", 1, "account|a", 7, "a"))
        .isCompletedWithValue(Optional.empty());
    assertThat(waiters.await("balances", 1, "account|a", 8, "a")).isNotDone();
    assertThat(waiters.known("balances", 2, "account|a")).isEqualTo(-1);
  }

  @Test
  void aWaiterThatEndsAnotherWayIsForgotten() {
    CompletableFuture<Optional<Object>> waiting = waiters.await("balances", 1, "account|a", 5, "a");
    CompletableFuture<Optional<Object>> other = waiters.await("balances", 1, "account|a", 8, "a");

    waiting.cancel(false);

    assertThat(waiters.size()).isEqualTo(1);
    waiters.reached("balances", 1, Map.of("account|a", 8L), Map.of());
    assertThat(other).isCompleted();
    assertThat(waiters.size()).isZero();
  }
}
