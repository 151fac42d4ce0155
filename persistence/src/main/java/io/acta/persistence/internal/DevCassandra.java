package io.acta.persistence.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.cassandra.embedded.EmbeddedCassandra;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Dev mode's Cassandra: the embedded server the node starts itself when {@code acta.persistence.cassandra.embedded} is on. */
public final class DevCassandra {
  private DevCassandra() {}

  /** Whether the configuration asks for the embedded server. */
  public static boolean wanted(Config config) {
    return StoreSettings.store(config).equals(StoreSettings.CASSANDRA)
        && config.getBoolean("acta.persistence.cassandra.embedded");
  }

  /** Starts the embedded server (blocking until it serves CQL) when the configuration asks for it. */
  public static Optional<EmbeddedCassandra> startIfWanted(Config config) {
    return wanted(config) ? Optional.of(EmbeddedCassandra.fromConfig(config).start()) : Optional.empty();
  }

  /** The settings that point the node at the embedded server. */
  public static Config pointingAt(EmbeddedCassandra server) {
    return ConfigFactory.parseMap(Map.of(
        "acta.persistence.cassandra.contact-points",
        List.of(server.contactPoint().getHostString() + ":" + server.contactPoint().getPort()),
        "acta.persistence.cassandra.local-datacenter", server.localDatacenter()));
  }
}
