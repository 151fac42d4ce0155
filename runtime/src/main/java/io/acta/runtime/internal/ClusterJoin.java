package io.acta.runtime.internal;

import com.typesafe.config.Config;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node finds its cluster ({@code acta.node.join}): the seed nodes it is given (joined once
 * the node's store is connected; with none, the node joins itself), or Pekko Management's Cluster
 * Bootstrap, which discovers the service's other nodes and lets the lowest address form the cluster
 * once enough are seen.
 */
final class ClusterJoin {
  private static final Logger log = LoggerFactory.getLogger(ClusterJoin.class);
  static final String SEED_NODES = "seed-nodes";
  static final String BOOTSTRAP = "bootstrap";

  private ClusterJoin() {}

  /** The Pekko settings the join mode needs. */
  static Map<String, Object> pekkoSettings(Config acta) {
    Map<String, Object> s = new HashMap<>();
    if (!mode(acta).equals(BOOTSTRAP)) return s;
    Config b = acta.getConfig("acta.node.bootstrap");
    String discovery = "pekko.management.cluster.bootstrap.contact-point-discovery.";
    s.put(discovery + "discovery-method", b.getString("discovery-method"));
    s.put(discovery + "required-contact-point-nr", b.getInt("required-contact-points"));
    if (!b.getString("service-name").isEmpty())
      s.put(discovery + "service-name", b.getString("service-name"));
    return s;
  }

  static String mode(Config acta) {
    String mode = acta.getString("acta.node.join");
    if (!mode.equals(SEED_NODES) && !mode.equals(BOOTSTRAP)) {
      throw new IllegalArgumentException(
          "acta.node.join must be \""
              + SEED_NODES
              + "\" or \""
              + BOOTSTRAP
              + "\", was \""
              + mode
              + "\"");
    }
    if (mode.equals(BOOTSTRAP) && !acta.getStringList("acta.node.seed-nodes").isEmpty()) {
      throw new IllegalArgumentException(
          "acta.node.join = bootstrap discovers the cluster's nodes itself: "
              + "leave acta.node.seed-nodes empty");
    }
    return mode;
  }

  private static void startBootstrap(ActorSystem<?> system) {
    try {
      Class.forName(
          "org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap",
          false,
          ClusterJoin.class.getClassLoader());
      Class.forName(
          "org.apache.pekko.discovery.Discovery", false, ClusterJoin.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "acta.node.join = bootstrap needs"
              + " org.apache.pekko:pekko-management-cluster-bootstrap_2.13 and its discovery method"
              + " (e.g. pekko-discovery-kubernetes-api_2.13) on the class path; missing "
              + e.getMessage());
    }
    // Bootstrap probes the other nodes' management endpoints, so management must serve on this one.
    PekkoManagement.get(system.classicSystem()).start();
    ClusterBootstrap.get(system.classicSystem()).start();
  }

  /** Starts joining; the node's start then waits until it is Up. */
  static void start(ActorSystem<?> system, Config config) {
    if (mode(config).equals(BOOTSTRAP)) {
      startBootstrap(system);
      log.info(
          "Joining by Cluster Bootstrap: discovery {}, service {}, {} contact points required",
          config.getString(
              "pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method"),
          config.getString("acta.node.bootstrap.service-name").isEmpty()
              ? system.name()
              : config.getString("acta.node.bootstrap.service-name"),
          config.getInt("acta.node.bootstrap.required-contact-points"));
    } else if (config.getStringList("acta.node.seed-nodes").isEmpty()) {
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      // Joined here, after the store is connected, rather than by Pekko as the actor system starts:
      // a
      // restarted first seed node joins itself when no other seed answers within seed-node-timeout,
      // and a JVM still busy starting up is slow to hear the answer.
      List<Address> seeds =
          config.getStringList("acta.node.seed-nodes").stream()
              .map(AddressFromURIString::parse)
              .toList();
      log.info("Joining the cluster through seed nodes {}", seeds);
      Cluster.get(system).manager().tell(new JoinSeedNodes(seeds));
    }
  }
}
