package io.acta.runtime.internal.views;

import io.acta.api.entity.WritePosition;
import io.acta.api.view.Page;
import io.acta.api.view.Versioned;
import io.acta.api.view.ViewNotReachedException;
import io.acta.api.view.ViewQueries;
import io.acta.api.view.ViewType;
import io.acta.runtime.spi.ViewVersions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.AsPublisher;
import org.apache.pekko.stream.javadsl.JavaFlowSupport;
import org.apache.pekko.stream.javadsl.Source;

/** {@link ViewQueries} over the engine's storage, reading the version of each view that serves. */
public final class ViewQueryService implements ViewQueries {
  /** How long read-your-writes waits between two looks at a view's progress. */
  private static final long PROGRESS_POLL_MILLIS = 20;

  /** Bits of a streamed version that count the row's changes within one version of its view. */
  private static final int ROW_VERSION_BITS = 40;

  private final ViewEngine engine;

  public ViewQueryService(ViewEngine engine) {
    this.engine = engine;
  }

  @Override
  public Optional<ViewType<?>> view(String name) {
    return Optional.ofNullable(engine.views().get(name));
  }

  @Override
  public Set<String> viewNames() {
    return engine.views().keySet();
  }

  @Override
  public <V> CompletionStage<Optional<V>> get(ViewType<V> view, String key) {
    return engine.storage().get(engine.servingStorage(view), key);
  }

  @Override
  public <V> CompletionStage<Optional<V>> get(
      ViewType<V> view, String key, WritePosition position, Duration timeout) {
    if (!view.sources().containsKey(position.entityType())) return get(view, key);
    long deadline = System.nanoTime() + timeout.toNanos();
    return awaitPosition(view, position, timeout, deadline).thenCompose(d -> get(view, key));
  }

  private CompletionStage<Void> awaitPosition(
      ViewType<?> view, WritePosition position, Duration timeout, long deadline) {
    return engine
        .storage()
        .progress(engine.servingStorage(view), position.persistenceId())
        .thenCompose(
            seq -> {
              if (seq >= position.sequenceNr()) return CompletableFuture.completedFuture(null);
              if (System.nanoTime() > deadline) {
                return CompletableFuture.failedFuture(
                    new ViewNotReachedException(view.name(), position, timeout));
              }
              // Look at the view's progress again later without holding a thread.
              return CompletableFuture.supplyAsync(
                      () -> null,
                      CompletableFuture.delayedExecutor(
                          PROGRESS_POLL_MILLIS, TimeUnit.MILLISECONDS))
                  .thenCompose(x -> awaitPosition(view, position, timeout, deadline));
            });
  }

  @Override
  public <V> CompletionStage<Page<V>> list(ViewType<V> view, String after, int limit) {
    checkLimit(limit);
    return engine
        .storage()
        .keys(engine.servingStorage(view), after == null ? "" : after, limit + 1)
        .thenCompose(keys -> page(view, keys, limit, null, null));
  }

  @Override
  public <V> CompletionStage<Page<V>> listBy(
      ViewType<V> view, String field, String value, String after, int limit) {
    checkLimit(limit);
    Function<V, String> extractor = view.indexes().get(field);
    if (extractor == null) {
      throw new IllegalArgumentException(
          "view '"
              + view.name()
              + "' has no index '"
              + field
              + "'; it has "
              + view.indexes().keySet());
    }
    return engine
        .storage()
        .keysByIndex(
            engine.servingStorage(view), field, value, after == null ? "" : after, limit + 1)
        .thenCompose(keys -> page(view, keys, limit, extractor, value));
  }

  private <V> CompletionStage<Page<V>> page(
      ViewType<V> view, List<String> keys, int limit, Function<V, String> extractor, String value) {
    List<String> mine = keys.size() > limit ? keys.subList(0, limit) : keys;
    List<CompletableFuture<Optional<V>>> rows =
        mine.stream().map(k -> get(view, k).toCompletableFuture()).toList();
    return CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new))
        .thenApply(
            d -> {
              List<Page.Keyed<V>> out = new ArrayList<>();
              for (int i = 0; i < mine.size(); i++) {
                V row = rows.get(i).join().orElse(null);
                // A stale index entry (the row moved on) is not a match.
                if (row != null && (extractor == null || value.equals(extractor.apply(row))))
                  out.add(new Page.Keyed<>(mine.get(i), row));
              }
              return new Page<>(out, keys.size() > limit ? mine.getLast() : null);
            });
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > 1000)
      throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
  }

  @Override
  public <V> Flow.Publisher<Versioned<V>> updates(
      ViewType<V> view, String key, long afterVersion, Duration every) {
    engine.fold(view);
    Source<Versioned<V>, NotUsed> changes =
        Source.tick(Duration.ZERO, every, "tick")
            .mapMaterializedValue(cancellable -> NotUsed.getInstance())
            // Each look reads the version that serves now, so a stream follows a rebuild's
            // switch-over.
            .mapAsync(1, tick -> servingRow(view, key))
            .filter(Optional::isPresent)
            .map(Optional::get)
            .statefulMap(
                () -> new long[] {afterVersion},
                (last, row) -> {
                  boolean newer = row.version() > last[0];
                  if (newer) last[0] = row.version();
                  return new Pair<>(
                      last, newer ? Optional.of(row) : Optional.<Versioned<V>>empty());
                },
                last -> Optional.empty())
            .filter(Optional::isPresent)
            .map(Optional::get);
    return changes.runWith(
        JavaFlowSupport.Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), engine.node().actorSystem());
  }

  /**
   * The row of {@code key} in the version of the view that serves now, its version made to grow
   * across rebuilds too: the view's version in the high bits, the row's own below. A rebuilt row
   * starts its own count again at 1, and a subscriber must still see it as newer.
   */
  private <V> CompletionStage<Optional<Versioned<V>>> servingRow(ViewType<V> view, String key) {
    int viewVersion = engine.servingVersion(view);
    return engine
        .storage()
        .<V>getVersioned(ViewVersions.storage(view.name(), viewVersion), key)
        .thenApply(
            row ->
                row.map(
                    r ->
                        new Versioned<>(
                            r.row(), ((long) viewVersion << ROW_VERSION_BITS) | r.version())));
  }
}
