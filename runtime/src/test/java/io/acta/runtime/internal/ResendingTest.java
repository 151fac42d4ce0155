package io.acta.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A keyed command whose message is lost (as cluster sharding drops one it buffered for a shard
 * being handed off) is sent again after a third of its ask timeout, and answered by the resend;
 * sends stop at the timeout, and a failure other than a missing reply is not sent again. Time is a
 * fake clock that each unanswered attempt moves on by its wait.
 */
class ResendingTest {
  private final AtomicLong now = new AtomicLong();
  private final List<Duration> waits = new ArrayList<>();

  /** Attempts that are lost until {@code answeredAt} (0-based), which answers "done". */
  private Function<Duration, CompletionStage<String>> lostUntil(int answeredAt) {
    return wait -> {
      waits.add(wait);
      if (waits.size() - 1 == answeredAt) return CompletableFuture.completedFuture("done");
      now.addAndGet(wait.toNanos());
      return CompletableFuture.failedFuture(new TimeoutException("no reply"));
    };
  }

  @Test
  void aLostCommandIsSentAgainAfterAThirdOfItsTimeoutAndTheResendAnswers() {
    String reply =
        Resending.ask(lostUntil(1), Duration.ofSeconds(15), now::get).toCompletableFuture().join();

    assertThat(reply).isEqualTo("done");
    assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  @Test
  void sendsStopAtTheTimeoutTheLastWaitingOnlyForWhatIsLeft() {
    CompletableFuture<String> reply =
        Resending.ask(lostUntil(-1), Duration.ofMillis(2_500), now::get).toCompletableFuture();

    assertThatThrownBy(reply::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
    // A third of 2.5 s is under the shortest wait of a second: 1 s, 1 s, then the 0.5 s left.
    assertThat(waits)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500));
    assertThat(now.get()).isEqualTo(Duration.ofMillis(2_500).toNanos());
  }

  @Test
  void aFailureOtherThanAMissingReplyIsNotSentAgain() {
    List<Duration> tries = new ArrayList<>();
    CompletableFuture<String> reply =
        Resending.<String>ask(
                wait -> {
                  tries.add(wait);
                  return CompletableFuture.failedFuture(new IllegalStateException("refused"));
                },
                Duration.ofSeconds(15),
                now::get)
            .toCompletableFuture();

    assertThatThrownBy(reply::join).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(tries).hasSize(1);
  }
}
