package io.acta.runtime.spi;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.config.ActaConfig;
import io.acta.runtime.internal.StoreSettings;
import io.acta.runtime.internal.serialization.ActaSetup;
import io.acta.runtime.internal.serialization.TypeRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.setup.ActorSystemSetup;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A short-lived actor system configured as a node's would be (its store's plugins included, no
 * cluster), for a store's command-line tools such as a schema command. Stopped when the work is
 * done.
 */
public final class ToolSystem {
  private ToolSystem() {}

  /**
   * Runs {@code work} with a system configured from {@code overrides} over the layered
   * configuration.
   */
  public static <T> T with(Config overrides, Function<ActorSystem<Void>, T> work) {
    Config config =
        ActaConfig.layered(
            overrides,
            settled -> ConfigFactory.parseMap(StoreSettings.store(settled).pekkoSettings(settled)));
    // Pekko creates every configured serializer at start, Acta's included: it needs a (here empty)
    // registry.
    var setup =
        ActorSystemSetup.create(BootstrapSetup.create(config))
            .withSetup(new ActaSetup(TypeRegistry.of(List.of()), Clock.systemUTC()));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "acta-tool", setup);
    try {
      return work.apply(system);
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // Best effort: the tool's work itself is done or has already failed.
      }
    }
  }
}
