package io.acta.tests.cassandra;

import io.acta.examples.ledger.Account;
import io.acta.runtime.ActaNode;
import io.acta.runtime.NodeExtension;

/** Ledger nodes on the shared Cassandra server, each test in a keyspace of its own. */
final class CassandraNodes {
  private CassandraNodes() {}

  static ActaNode ledger(
      String name, String keyspace, NodeExtension extension, String extraConfig) {
    var cp = SharedCassandra.contactPoint();
    return ActaNode.builder(name)
        .entity(Account.TYPE)
        .with(extension)
        .store("cassandra")
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
        .start();
  }
}
