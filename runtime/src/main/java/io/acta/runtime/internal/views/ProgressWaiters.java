package io.acta.runtime.internal.views;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-your-writes callers waiting for a view to process an entity up to a sequence number, woken
 * by the views' change notices instead of each polling the stored progress.
 */
final class ProgressWaiters {
  private record Key(String view, int version, String persistenceId) {}

  private record Waiter(long seq, CompletableFuture<Void> reached) {}

  private final Map<Key, Set<Waiter>> waiting = new ConcurrentHashMap<>();

  /**
   * Completes once a notice says {@code view} at {@code version} processed {@code persistenceId} up
   * to {@code seq}; completing it otherwise (reached by another way, timed out) forgets it.
   */
  CompletableFuture<Void> await(String view, int version, String persistenceId, long seq) {
    Key key = new Key(view, version, persistenceId);
    Waiter waiter = new Waiter(seq, new CompletableFuture<>());
    waiting.compute(
        key,
        (k, set) -> {
          Set<Waiter> s = set != null ? set : ConcurrentHashMap.newKeySet();
          s.add(waiter);
          return s;
        });
    waiter
        .reached()
        .whenComplete(
            (d, e) ->
                waiting.computeIfPresent(
                    key,
                    (k, set) -> {
                      set.remove(waiter);
                      return set.isEmpty() ? null : set;
                    }));
    return waiter.reached();
  }

  /** A notice: {@code view} at {@code version} processed each entity up to its sequence number. */
  void reached(String view, int version, Map<String, Long> progress) {
    if (waiting.isEmpty()) return;
    progress.forEach(
        (pid, seq) -> {
          Set<Waiter> set = waiting.get(new Key(view, version, pid));
          if (set == null) return;
          for (Waiter w : set) if (w.seq() <= seq) w.reached().complete(null);
        });
  }

  /** How many callers wait now. */
  int size() {
    return waiting.values().stream().mapToInt(Set::size).sum();
  }
}
