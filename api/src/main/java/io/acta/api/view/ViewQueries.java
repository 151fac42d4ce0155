package io.acta.api.view;

import io.acta.api.entity.WritePosition;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reading views: what read-side consumers need. Every method is asynchronous and safe to call from
 * any thread; rows come back as their row types.
 *
 * <pre>{@code
 * ViewQueries views = node.extension(Projections.class).queries();
 * Optional<CurrencyTotals> eur = views.get(LedgerViews.TOTALS, "EUR").toCompletableFuture().join();
 * }</pre>
 */
public interface ViewQueries {

  /** The registered view of this name. */
  Optional<ViewType<?>> view(String name);

  /** The names of the registered views. */
  Set<String> viewNames();

  /** The row of {@code key}; empty when no event has reached it. */
  <V> CompletionStage<Optional<V>> get(ViewType<V> view, String key);

  /**
   * The row of {@code key} once the view has processed the write at {@code position} (read your own
   * writes): waits up to {@code timeout}, then fails with a {@link ViewNotReachedException}. A view
   * that does not read the position's entity type answers at once.
   */
  <V> CompletionStage<Optional<V>> get(
      ViewType<V> view, String key, WritePosition position, Duration timeout);

  /**
   * Up to {@code limit} (1 to 1000) rows with keys after {@code after} ({@code null} or "" from the
   * first), in key order.
   */
  <V> CompletionStage<Page<V>> list(ViewType<V> view, String after, int limit);

  /** As {@link #list}, over the rows whose indexed {@code field} has {@code value}. */
  <V> CompletionStage<Page<V>> listBy(
      ViewType<V> view, String field, String value, String after, int limit);

  /**
   * The changes of one row, as they happen: the current row (when newer than {@code afterVersion};
   * pass 0 for any), then each newer version. Changes are pushed from the node that folds the row,
   * not polled; a subscriber too slow for a burst of changes skips to the newest. A subscriber that
   * comes back with the last version it saw misses no change of state. The stream follows the view
   * through a rebuild: its versions keep growing when reads switch to the rebuilt version (they
   * grow by one with each change only within one version of the view). Runs until the subscriber
   * cancels.
   */
  <V> Flow.Publisher<Versioned<V>> updates(ViewType<V> view, String key, long afterVersion);
}
