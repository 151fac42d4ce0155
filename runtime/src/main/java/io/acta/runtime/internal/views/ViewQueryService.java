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
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.AsPublisher;
import org.apache.pekko.stream.javadsl.JavaFlowSupport;
import org.apache.pekko.stream.javadsl.Source;

/** {@link ViewQueries} over the engine's storage, reading the version of each view that serves. */
public final class ViewQueryService implements ViewQueries {
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
    return awaitPosition(view, key, position, timeout)
        .thenCompose(
            carried ->
                // The row as the group that reached the position wrote it, when this node folded
                // it; read otherwise.
                carried.isPresent()
                    ? CompletableFuture.completedFuture(
                        Optional.of(view.rowType().cast(carried.get())))
                    : get(view, key));
  }

  private CompletionStage<Optional<Object>> awaitPosition(
      ViewType<?> view, String key, WritePosition position, Duration timeout) {
    int version = engine.servingVersion(view);
    String storage = ViewVersions.storage(view.name(), version);
    String pid = position.persistenceId();
    // Woken by the view's change notices; the stored progress is looked at besides (at once for
    // an entity no notice spoke of lately), since a notice may be lost.
    return engine
        .changes()
        .awaitProgress(
            view.name(),
            version,
            pid,
            position.sequenceNr(),
            key,
            timeout,
            () -> ViewProgress.of(engine.storage(), view, storage, pid))
        .exceptionallyCompose(
            e ->
                CompletableFuture.failedFuture(
                    e instanceof TimeoutException
                        ? new ViewNotReachedException(view.name(), position, timeout)
                        : e));
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
  @SuppressWarnings("unchecked")
  public <V> Flow.Publisher<Versioned<V>> updates(ViewType<V> view, String key, long afterVersion) {
    engine.fold(view);
    Source<Versioned<V>, NotUsed> changes =
        engine.changes().rows(view.name(), key, afterVersion).map(row -> (Versioned<V>) row);
    return changes.runWith(
        JavaFlowSupport.Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), engine.node().actorSystem());
  }
}
