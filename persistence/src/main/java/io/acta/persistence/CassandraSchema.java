package io.acta.persistence;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.config.ActaConfig;
import io.acta.persistence.internal.CassandraStartup;
import io.acta.persistence.internal.StoreSettings;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.acta.persistence.internal.ActaSetup;
import io.acta.persistence.internal.TypeRegistry;
import java.time.Clock;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.setup.ActorSystemSetup;

/**
 * The explicit schema step for Cassandra: creates Acta's keyspaces and tables (idempotent: every
 * statement is {@code IF NOT EXISTS}), or prints them as a CQL script for a database administrator.
 * Production nodes never create schema by themselves; they check that it exists.
 *
 * <pre>
 * java -cp ... io.acta.persistence.CassandraSchema create   # against acta.persistence.cassandra.*
 * java -cp ... io.acta.persistence.CassandraSchema print    # the CQL, to review or run by hand
 * </pre>
 */
public final class CassandraSchema {
  private CassandraSchema() {}

  /** Creates the keyspaces and tables configured under {@code acta.persistence.cassandra}. */
  public static void create(Config overrides) {
    withSystem(overrides, system -> {
      try (CqlSession session = CassandraStartup.connect(system.settings().config())) {
        for (String cql : CassandraStartup.statements(system)) {
          session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(cql)
              .setTimeout(java.time.Duration.ofSeconds(60)));
        }
      }
      return null;
    });
  }

  /** The CQL statements of the schema, in order. */
  public static List<String> statements(Config overrides) {
    return withSystem(overrides, CassandraStartup::statements);
  }

  /** {@code create} or {@code print}; configuration as for a node ({@code application.conf}, {@code -D…}). */
  public static void main(String[] args) {
    String command = args.length == 0 ? "" : args[0];
    switch (command) {
      case "create" -> create(ConfigFactory.empty());
      case "print" -> statements(ConfigFactory.empty()).forEach(s -> System.out.println(s + ";\n"));
      default -> {
        System.err.println("usage: CassandraSchema create|print");
        System.exit(2);
      }
    }
  }

  private static <T> T withSystem(Config overrides, java.util.function.Function<ActorSystem, T> work) {
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
