package io.acta.cassandra.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Runs work on a key one turn at a time within this JVM, and everything asked for a key while its
 * turn runs together in the next turn. The shared rows of a view (one row many entities fold into)
 * are written by every slice's projection through a conditional batch: slices of one node that
 * wrote one row at once would only make each other's Paxos round fail and start over, and slices
 * that took turns one by one would each wait for all the others' round trips. Together, the groups
 * of every slice waiting for a row go in one read (when one is needed) and one conditional write.
 *
 * @param <T> what is asked for; it carries its own way to answer its caller
 */
final class RowTurns<T> {
  private final Function<List<T>, CompletionStage<?>> turn;
  private final Map<String, List<T>> waiting = new HashMap<>();

  /**
   * @param turn runs one turn of items of one key and answers each of them; the next turn starts
   *     once the stage it returns completes, however it completes
   */
  RowTurns(Function<List<T>, CompletionStage<?>> turn) {
    this.turn = turn;
  }

  /** Runs {@code item} in a turn of {@code key}: now if none runs, else in the next one. */
  void submit(String key, T item) {
    synchronized (waiting) {
      List<T> queued = waiting.get(key);
      if (queued != null) {
        queued.add(item);
        return;
      }
      waiting.put(key, new ArrayList<>()); // a turn runs: what comes meanwhile waits here
    }
    run(key, List.of(item));
  }

  private void run(String key, List<T> items) {
    CompletionStage<?> done;
    try {
      done = turn.apply(items);
    } catch (RuntimeException e) {
      next(key);
      throw e;
    }
    done.whenComplete((result, failure) -> next(key));
  }

  private void next(String key) {
    List<T> items;
    synchronized (waiting) {
      items = waiting.get(key);
      if (items.isEmpty()) {
        waiting.remove(key);
        return;
      }
      waiting.put(key, new ArrayList<>());
    }
    run(key, List.copyOf(items));
  }

  /** How many keys have a turn running: zero once all have ended. */
  int keys() {
    synchronized (waiting) {
      return waiting.size();
    }
  }
}
