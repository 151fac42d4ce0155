package io.acta.examples.ledger.cluster;

import io.acta.examples.ledger.LedgerService;
import java.util.ArrayList;
import java.util.List;

/**
 * One ledger node of a cluster on this machine: its ports, and the command line that starts {@link
 * LedgerService} as such a node in a JVM of its own. Every setting is a system property, the way a
 * deployment would set it ({@code -Dacta.node.port=...}), over the service's {@code ledger.conf}.
 *
 * @param index 0, 1, 2, ...
 * @param clusterPort Pekko remoting (Artery)
 * @param httpPort the HTTP API
 * @param managementPort health checks and cluster management ({@code /ready}, {@code
 *     /cluster/members})
 */
public record LocalNode(int index, int clusterPort, int httpPort, int managementPort) {
  /** Every node of a local cluster listens on loopback only. */
  public static final String HOST = "127.0.0.1";

  /** The cluster's name: the actor system name every node shares. */
  public static final String CLUSTER = "ledger";

  /** The node's cluster address, as seed-node lists name it. */
  public String address() {
    return "pekko://" + CLUSTER + "@" + HOST + ":" + clusterPort;
  }

  public String httpUrl() {
    return "http://" + HOST + ":" + httpPort;
  }

  public String managementUrl() {
    return "http://" + HOST + ":" + managementPort;
  }

  /**
   * The command that starts this node.
   *
   * @param contactPoint Cassandra's {@code host:port}
   * @param datacenter Cassandra's local datacenter
   * @param keyspace the journal's keyspace (snapshots go to {@code <keyspace>_snapshot})
   * @param seeds the seed nodes, the same list on every node
   * @param extra further {@code -D} or JVM options
   */
  public List<String> command(
      String contactPoint,
      String datacenter,
      String keyspace,
      List<LocalNode> seeds,
      List<String> extra) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx512m");
    cmd.add(
        "-XX:+UseSerialGC"); // several nodes share the machine's cores: no parallel GC threads each
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dacta.node.hostname=" + HOST);
    cmd.add("-Dacta.node.port=" + clusterPort);
    for (int i = 0; i < seeds.size(); i++)
      cmd.add("-Dacta.node.seed-nodes." + i + "=" + seeds.get(i).address());
    cmd.add("-Dacta.http.port=" + httpPort);
    // Each node of dev mode would make its own development key, whose tokens the others refuse:
    // the local cluster serves its API open, as a cluster behind a trusted network (extra may turn
    // authentication on again, with shared keys).
    cmd.add("-Dacta.http.authentication.enabled=off");
    cmd.add("-Dpekko.management.http.hostname=" + HOST);
    cmd.add("-Dpekko.management.http.port=" + managementPort);
    cmd.add("-Dacta.persistence.cassandra.embedded=off");
    cmd.add("-Dacta.persistence.cassandra.contact-points.0=" + contactPoint);
    cmd.add("-Dacta.persistence.cassandra.local-datacenter=" + datacenter);
    cmd.add("-Dacta.persistence.cassandra.keyspace=" + keyspace);
    cmd.add("-Dacta.persistence.cassandra.snapshot-keyspace=" + keyspace + "_snapshot");
    // One embedded broker per node would be brokers that do not know each other: the local cluster
    // leaves Kafka out (extra may turn it on, pointing every node at one broker).
    cmd.add("-Dacta.kafka.embedded=off");
    cmd.add("-Dacta.kafka.enabled=off");
    cmd.addAll(extra);
    cmd.add(LedgerService.class.getName());
    return cmd;
  }
}
