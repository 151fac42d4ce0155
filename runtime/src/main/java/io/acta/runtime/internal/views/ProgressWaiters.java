package io.acta.runtime.internal.views;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-your-writes callers waiting for a view to process an entity up to a sequence number, woken
 * by the views' change notices instead of each polling the stored progress. The notices' latest
 * word on each recently changed entity is kept too, so a caller whose write a notice covered
 * already needs no read of the progress at all; and a waiter woken by the node that folded its row
 * gets the row as written, which spares the read of the row too.
 */
final class ProgressWaiters {
  /**
   * How many entities' latest progress (per view and version) is remembered: the entities written
   * in the last seconds of a busy node, about 100 bytes each.
   */
  static final int REMEMBERED = 100_000;

  private record Key(String view, int version, String persistenceId) {}

  private record Waiter(long seq, String rowKey, CompletableFuture<Optional<Object>> reached) {}

  private final Map<Key, Set<Waiter>> waiting = new ConcurrentHashMap<>();
  private final Recent<Key, Long> latest = new Recent<>(REMEMBERED);

  /**
   * The last sequence number of {@code persistenceId} a notice said {@code view} at {@code version}
   * processed; -1 when no notice this node remembers spoke of it.
   */
  long known(String view, int version, String persistenceId) {
    Long seq = latest.get(new Key(view, version, persistenceId));
    return seq == null ? -1 : seq;
  }

  /**
   * Completes once a notice says {@code view} at {@code version} processed {@code persistenceId} up
   * to {@code seq}: with the row of {@code rowKey} when the notice carried it as the group that
   * reached the position wrote it, empty otherwise. Completing it otherwise (reached by another
   * way, timed out) forgets it.
   */
  CompletableFuture<Optional<Object>> await(
      String view, int version, String persistenceId, long seq, String rowKey) {
    Key key = new Key(view, version, persistenceId);
    Waiter waiter = new Waiter(seq, rowKey, new CompletableFuture<>());
    waiting.compute(
        key,
        (k, set) -> {
          Set<Waiter> s = set != null ? set : ConcurrentHashMap.newKeySet();
          s.add(waiter);
          return s;
        });
    // A notice that came in before the waiter was registered is in latest: look after registering.
    if (known(view, version, persistenceId) >= seq) waiter.reached().complete(Optional.empty());
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

  /**
   * A notice: {@code view} at {@code version} processed each entity up to its sequence number, and
   * the group that got it there wrote {@code rows} (by key; those it carries, which may be none).
   */
  void reached(String view, int version, Map<String, Long> progress, Map<String, Object> rows) {
    progress.forEach((pid, seq) -> latest.merge(new Key(view, version, pid), seq, Math::max));
    if (waiting.isEmpty()) return;
    progress.forEach(
        (pid, seq) -> {
          Set<Waiter> set = waiting.get(new Key(view, version, pid));
          if (set == null) return;
          for (Waiter w : set)
            if (w.seq() <= seq) w.reached().complete(Optional.ofNullable(rows.get(w.rowKey())));
        });
  }

  /** How many callers wait now. */
  int size() {
    return waiting.values().stream().mapToInt(Set::size).sum();
  }
}
