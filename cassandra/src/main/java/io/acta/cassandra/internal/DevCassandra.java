package io.acta.cassandra.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.embedded.cassandra.EmbeddedCassandra;
import io.acta.runtime.spi.StoreProvider.DevServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dev mode's Cassandra: the embedded server the node starts itself when {@code
 * acta.persistence.cassandra.embedded} is on. acta-embedded is an optional dependency of this
 * module, so production class paths do not carry it; dev mode says so when it is missing.
 */
final class DevCassandra {
  private static final String EMBEDDED_CLASS = "io.acta.embedded.cassandra.EmbeddedCassandra";

  private static final Duration OWNER_GRACE = Duration.ofSeconds(30);

  private DevCassandra() {}

  /**
   * Starts the embedded server (blocking until it serves CQL) when the configuration asks for it.
   */
  static Optional<DevServer> startIfWanted(Config config) {
    if (!config.getBoolean("acta.persistence.cassandra.embedded")) return Optional.empty();
    requireEmbeddedModule();
    // At Ctrl-C the node stops the server itself once it has left its cluster (it still writes on
    // its way out); the server's own shutdown hook steps in only if that takes over 30 s.
    EmbeddedCassandra server =
        EmbeddedCassandra.fromConfig(config).stopAtJvmExitAfter(OWNER_GRACE).start();
    Config pointing =
        ConfigFactory.parseMap(
            Map.of(
                "acta.persistence.cassandra.contact-points",
                List.of(
                    server.contactPoint().getHostString() + ":" + server.contactPoint().getPort()),
                "acta.persistence.cassandra.local-datacenter",
                server.localDatacenter()));
    return Optional.of(
        new DevServer() {
          @Override
          public Config settings() {
            return pointing;
          }

          @Override
          public void close() {
            server.stop();
          }
        });
  }

  private static void requireEmbeddedModule() {
    try {
      Class.forName(EMBEDDED_CLASS, false, DevCassandra.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "acta.persistence.cassandra.embedded = on needs io.acta:acta-embedded on the class path"
              + " (a dev and test dependency; production runs against a Cassandra cluster)",
          e);
    }
  }
}
