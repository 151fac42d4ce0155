package io.acta.http.internal;

import io.acta.projection.Projections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Readiness: no view is stuck on an event it fails on (as last measured; see
 * {@code acta.projections.status-interval}). A node without views is ready.
 */
public final class ViewsHealthCheck implements Supplier<CompletionStage<Boolean>> {
  private final ActorSystem system;

  public ViewsHealthCheck(ActorSystem system) {
    this.system = system;
  }

  @Override
  public CompletionStage<Boolean> get() {
    boolean healthy = Projections.of(Adapter.toTyped(system))
        .map(p -> p.latestStatus().stream().allMatch(s -> s.failure() == null))
        .orElse(true);
    return CompletableFuture.completedFuture(healthy);
  }
}
