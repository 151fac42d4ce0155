package io.acta.runtime.health;

import io.acta.api.EscapeHatch;
import io.acta.runtime.internal.StoreSettings;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Readiness: the node's store answers, as its {@link io.acta.runtime.spi.StoreProvider} checks it.
 * Pekko Management creates this class by reflection, with the actor system.
 */
public final class StoreHealthCheck implements Supplier<CompletionStage<Boolean>> {
  private final Supplier<CompletionStage<Boolean>> check;

  @EscapeHatch("Pekko Management creates readiness checks with the classic actor system")
  public StoreHealthCheck(ActorSystem system) {
    this.check =
        StoreSettings.store(system.settings().config()).healthCheck(Adapter.toTyped(system));
  }

  @Override
  public CompletionStage<Boolean> get() {
    return check.get();
  }
}
