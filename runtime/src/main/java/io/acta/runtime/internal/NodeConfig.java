package io.acta.runtime.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.acta.api.entity.EntityType;
import io.acta.config.ActaConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's configuration (layered as {@link ActaConfig#layered} says), with the Pekko settings
 * derived from {@code acta.*}: cluster membership, logging, the store's plugins, and Acta's
 * serializer bound to every registered class.
 */
final class NodeConfig {
  private NodeConfig() {}

  static Config build(Config builderOverrides, List<EntityType<?, ?, ?>> types) {
    return ActaConfig.layered(builderOverrides, settled -> derived(settled, types));
  }

  private static Config derived(Config acta, List<EntityType<?, ?, ?>> types) {
    Map<String, Object> pekko = new HashMap<>();
    pekko.put("pekko.actor.provider", "cluster");
    pekko.put("pekko.remote.artery.canonical.hostname", acta.getString("acta.node.hostname"));
    pekko.put("pekko.remote.artery.canonical.port", acta.getInt("acta.node.port"));
    // Seed nodes are joined by ClusterJoin once the node is otherwise ready, not by Pekko at
    // start-up.
    pekko.put("pekko.cluster.seed-nodes", List.of());
    pekko.put("pekko.cluster.roles", NodeRoles.of(acta).names());
    pekko.put(
        "pekko.cluster.downing-provider-class",
        "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
    pekko.put(
        "pekko.cluster.split-brain-resolver.active-strategy",
        acta.getString("acta.node.split-brain-resolver.strategy"));
    pekko.put(
        "pekko.cluster.split-brain-resolver.stable-after",
        acta.getDuration("acta.node.split-brain-resolver.stable-after").toMillis() + "ms");
    pekko.putAll(ClusterJoin.pekkoSettings(acta));
    pekko.putAll(ClusterTls.pekkoSettings(acta));
    pekko.put("pekko.loggers", List.of("org.apache.pekko.event.slf4j.Slf4jLogger"));
    pekko.put("pekko.logging-filter", "org.apache.pekko.event.slf4j.Slf4jLoggingFilter");
    pekko.put("pekko.loglevel", "INFO");
    pekko.put("pekko.log-dead-letters-during-shutdown", "off");
    pekko.put("pekko.coordinated-shutdown.exit-jvm", "off");

    pekko.putAll(StoreSettings.store(acta).pekkoSettings(acta));

    Config derived = ConfigFactory.parseMap(pekko);
    // Acta's serializer for every registered class; keys are class names, which HOCON needs quoted.
    Config bindings = ConfigFactory.empty();
    for (EntityType<?, ?, ?> t : types) {
      for (Class<?> c : t.classes().allMessageClasses()) {
        bindings =
            bindings.withValue("\"" + c.getName() + "\"", ConfigValueFactory.fromAnyRef("acta"));
      }
    }
    return derived.withValue(
        "pekko.actor.serialization-bindings",
        bindings.root().withFallback(ConfigFactory.empty().root()));
  }
}
