package io.acta.runtime.internal.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InFlightTest {

  @Test
  void neverMoreThanTheLimitOutstandingAndResultsInOrder() {
    AtomicInteger outstanding = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ConcurrentLinkedQueue<CompletableFuture<Integer>> pending = new ConcurrentLinkedQueue<>();
    List<Integer> items = IntStream.range(0, 100).boxed().toList();

    CompletableFuture<List<Integer>> all =
        InFlight.run(
            items,
            8,
            i -> {
              most.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
              CompletableFuture<Integer> f = new CompletableFuture<>();
              pending.add(f);
              return f.thenApply(
                  v -> {
                    outstanding.decrementAndGet();
                    return v;
                  });
            });
    // Complete them one by one, in the order they were started, as a store would answer.
    int answered = 0;
    while (answered < items.size()) {
      CompletableFuture<Integer> next = pending.poll();
      assertThat(next).as("a request is outstanding").isNotNull();
      next.complete(answered * 10);
      answered++;
    }

    assertThat(most.get()).isEqualTo(8);
    assertThat(all.join()).isEqualTo(IntStream.range(0, 100).map(i -> i * 10).boxed().toList());
  }

  @Test
  void operationsDoneAtOnceAreFollowedWithoutDeepRecursion() {
    List<Integer> items = IntStream.range(0, 200_000).boxed().toList();

    var all = InFlight.run(items, 4, CompletableFuture::completedFuture);

    assertThat(all.join()).hasSize(200_000);
  }

  @Test
  void aFailureFailsTheWhole() {
    var all =
        InFlight.run(
            List.of(1, 2, 3),
            2,
            i ->
                i == 2
                    ? CompletableFuture.failedFuture(new IllegalStateException("no"))
                    : CompletableFuture.completedFuture(i));

    assertThatThrownBy(all::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
  }
}
