package io.acta.persistence.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.config.ActaConfig;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.setup.ActorSystemSetup;

/** A short-lived actor system, configured as a node would be, for the schema tools' plugin calls. */
public final class SchemaSystem {
  private SchemaSystem() {}

  public static <T> T with(Config overrides, Function<ActorSystem, T> work) {
    Config config = ActaConfig.layered(
        overrides.withFallback(ConfigFactory.parseString("acta.persistence.store = cassandra")),
        settled -> ConfigFactory.parseMap(StoreSettings.pekkoSettings(settled)));
    // Pekko creates every configured serializer at start, Acta's included: it needs a (here empty) registry.
    var setup = ActorSystemSetup.create(BootstrapSetup.create(config))
        .withSetup(new ActaSetup(TypeRegistry.of(List.of()), Clock.systemUTC()));
    ActorSystem system = ActorSystem.create("acta-schema", setup);
    try {
      return work.apply(system);
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // Best effort: the schema work itself is done or has already failed.
      }
    }
  }
}
