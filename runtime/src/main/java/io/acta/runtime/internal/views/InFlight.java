package io.acta.runtime.internal.views;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs asynchronous store operations over many items with at most a given number outstanding: a
 * group of thousands of events must not send thousands of requests at once, which overflows the
 * driver's connection (requests refused with "no connection was available") rather than going any
 * faster.
 */
final class InFlight {
  private InFlight() {}

  /**
   * Starts {@code operation} for each item, at most {@code limit} at a time, in order; the results
   * come in the items' order. The first failure fails the whole once every started one is done.
   */
  static <T, R> CompletableFuture<List<R>> run(
      List<T> items, int limit, Function<T, CompletionStage<R>> operation) {
    List<CompletableFuture<R>> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) results.add(new CompletableFuture<>());
    if (items.isEmpty()) return CompletableFuture.completedFuture(List.of());
    AtomicInteger next = new AtomicInteger();
    for (int lane = 0; lane < Math.min(limit, items.size()); lane++)
      startNext(items, operation, results, next);
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(d -> results.stream().map(CompletableFuture::join).toList());
  }

  /**
   * One lane: takes the next item, and once its operation is done the one after. Operations done at
   * once (a row already in memory) are followed in a loop, not by recursion.
   */
  private static <T, R> void startNext(
      List<T> items,
      Function<T, CompletionStage<R>> operation,
      List<CompletableFuture<R>> results,
      AtomicInteger next) {
    while (true) {
      int i = next.getAndIncrement();
      if (i >= items.size()) return;
      CompletableFuture<R> stage = start(operation, items.get(i));
      CompletableFuture<R> result = results.get(i);
      if (stage.isDone()) {
        copy(stage, result);
        continue;
      }
      stage.whenComplete(
          (r, error) -> {
            copy(stage, result);
            startNext(items, operation, results, next);
          });
      return;
    }
  }

  private static <T, R> CompletableFuture<R> start(
      Function<T, CompletionStage<R>> operation, T item) {
    try {
      return operation.apply(item).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static <R> void copy(CompletableFuture<R> from, CompletableFuture<R> to) {
    from.whenComplete(
        (r, error) -> {
          if (error != null) to.completeExceptionally(error);
          else to.complete(r);
        });
  }
}
