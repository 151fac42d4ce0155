package io.acta.tests.cassandra;

import io.acta.api.entity.EntityType;
import io.acta.examples.ledger.Account;
import io.acta.runtime.ActaNode;
import io.acta.runtime.NodeExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;

/** Ledger nodes on the shared Cassandra server, each test in a keyspace of its own. */
public final class CassandraNodes {
  private CassandraNodes() {}

  static ActaNode ledger(
      String name, String keyspace, NodeExtension extension, String extraConfig) {
    return ledger(name, keyspace, extension, extraConfig, List.of());
  }

  /** As above, with entity types beside the accounts. */
  static ActaNode ledger(
      String name,
      String keyspace,
      NodeExtension extension,
      String extraConfig,
      List<EntityType<?, ?, ?>> moreTypes) {
    return ledger(name, keyspace, List.of(extension), extraConfig, moreTypes);
  }

  /** As above, with several extensions (an HTTP API and the views, say), started in order. */
  public static ActaNode ledger(
      String name,
      String keyspace,
      List<NodeExtension> extensions,
      String extraConfig,
      List<EntityType<?, ?, ?>> moreTypes) {
    var cp = SharedCassandra.contactPoint();
    ActaNode.Builder node =
        ActaNode.builder(name).entity(Account.TYPE).entity(moreTypes.toArray(EntityType[]::new));
    extensions.forEach(node::with);
    return node.store("cassandra")
        .config(
            "acta.persistence.cassandra { contact-points = [\""
                + cp.getHostString()
                + ":"
                + cp.getPort()
                + "\"],"
                + " create-schema = on, keyspace = "
                + keyspace
                + ", snapshot-keyspace = "
                + keyspace
                + "_snapshot }")
        .config(extraConfig)
        // Counters the tests read (a composite registry without one counts nothing).
        .meterRegistry(new SimpleMeterRegistry())
        .start();
  }
}
