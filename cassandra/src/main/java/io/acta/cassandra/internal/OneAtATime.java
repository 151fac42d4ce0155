package io.acta.cassandra.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one at a time per key, in the order they were asked for, within this JVM.
 * The shared rows of a view (one row many entities fold into) are written by every slice's
 * projection through a conditional batch: slices of one node that write one row at once would only
 * make each other's Paxos round fail and start over, read included. Taking turns here leaves the
 * conditional write to settle what it must, the writers on other nodes.
 */
final class OneAtATime {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  /** Per key, the turn of the latest task asked for; removed once it ends with no one behind it. */
  private final ConcurrentHashMap<String, CompletableFuture<Void>> turns =
      new ConcurrentHashMap<>();

  <T> CompletionStage<T> run(String key, Supplier<CompletionStage<T>> task) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> previous = turns.put(key, mine);
    return (previous == null ? DONE : previous)
        .thenCompose(ready -> task.get())
        .whenComplete(
            (result, failure) -> {
              turns.remove(key, mine);
              mine.complete(null);
            });
  }

  /** How many keys have a task running or waiting: zero once all have ended. */
  int keys() {
    return turns.size();
  }
}
