package io.acta.runtime.health;

import io.acta.api.EscapeHatch;
import io.acta.runtime.internal.views.ViewEngine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Readiness: no view is stuck on an event it fails on (as last measured; see {@code
 * acta.projections.status-interval}). A node without views is ready. Pekko Management creates this
 * class by reflection, with the actor system.
 */
public final class ViewsHealthCheck implements Supplier<CompletionStage<Boolean>> {
  private final org.apache.pekko.actor.typed.ActorSystem<?> system;

  @EscapeHatch("Pekko Management creates readiness checks with the classic actor system")
  public ViewsHealthCheck(ActorSystem system) {
    this.system = Adapter.toTyped(system);
  }

  @Override
  public CompletionStage<Boolean> get() {
    boolean healthy =
        ViewEngine.running(system)
            .map(engine -> engine.latestStatus().stream().allMatch(s -> s.failure() == null))
            .orElse(true);
    return CompletableFuture.completedFuture(healthy);
  }
}
