package io.acta.runtime.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.acta.entity.EntityType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's configuration, in layers: system properties, then the builder's settings, then
 * {@code application.conf}, then the Pekko settings derived from {@code acta.*}, then every
 * module's {@code reference.conf}. Derived settings sit below {@code application.conf} so that an
 * explicit {@code pekko.*} key there still wins.
 */
final class NodeConfig {
  private NodeConfig() {}

  static Config build(Config builderOverrides, List<EntityType<?, ?, ?>> types) {
    Config reference = ConfigFactory.defaultReference();
    Config upper = ConfigFactory.defaultOverrides()
        .withFallback(builderOverrides)
        .withFallback(ConfigFactory.defaultApplication());
    Config acta = upper.withFallback(reference).resolve();
    return upper.withFallback(derived(acta, types)).withFallback(reference).resolve();
  }

  private static Config derived(Config acta, List<EntityType<?, ?, ?>> types) {
    Map<String, Object> pekko = new HashMap<>();
    pekko.put("pekko.actor.provider", "cluster");
    pekko.put("pekko.remote.artery.canonical.hostname", acta.getString("acta.node.hostname"));
    pekko.put("pekko.remote.artery.canonical.port", acta.getInt("acta.node.port"));
    pekko.put("pekko.cluster.seed-nodes", acta.getStringList("acta.node.seed-nodes"));
    pekko.put("pekko.cluster.downing-provider-class", "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
    pekko.put("pekko.loggers", List.of("org.apache.pekko.event.slf4j.Slf4jLogger"));
    pekko.put("pekko.logging-filter", "org.apache.pekko.event.slf4j.Slf4jLoggingFilter");
    pekko.put("pekko.loglevel", "INFO");
    pekko.put("pekko.log-dead-letters-during-shutdown", "off");
    pekko.put("pekko.coordinated-shutdown.exit-jvm", "off");

    String store = acta.getString("acta.persistence.store");
    String plugins = switch (store) {
      case "in-memory" -> "acta.persistence.in-memory";
      case "cassandra" -> "acta.persistence.cassandra";
      default -> throw new IllegalArgumentException(
          "acta.persistence.store must be \"in-memory\" or \"cassandra\", was \"" + store + "\"");
    };
    pekko.put("pekko.persistence.journal.plugin", plugins + ".journal");
    pekko.put("pekko.persistence.snapshot-store.plugin", plugins + ".snapshot-store");

    Config derived = ConfigFactory.parseMap(pekko);
    // Acta's serializer for every registered class; keys are class names, which HOCON needs quoted.
    Config bindings = ConfigFactory.empty();
    for (EntityType<?, ?, ?> t : types) {
      for (Class<?> c : t.classes().allMessageClasses()) {
        bindings = bindings.withValue("\"" + c.getName() + "\"", ConfigValueFactory.fromAnyRef("acta"));
      }
    }
    return derived.withValue("pekko.actor.serialization-bindings", bindings.root().withFallback(ConfigFactory.empty().root()));
  }
}
