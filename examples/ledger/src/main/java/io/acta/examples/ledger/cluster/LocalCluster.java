package io.acta.examples.ledger.cluster;

import com.typesafe.config.Config;
import io.acta.config.ActaConfig;
import io.acta.embedded.cassandra.EmbeddedCassandra;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/**
 * The ledger service as a cluster of three nodes on this machine, against one embedded Cassandra
 * (dev mode's, data under {@code ./data/cassandra}): what {@code mvn ... -Pcluster} runs.
 *
 * <p>Node {@code i} listens for HTTP on {@code 8080+i}, for cluster traffic on {@code 25520+i} and
 * for health checks and cluster management on {@code 8558+i}; nodes 0 and 1 are the seeds. Node 0
 * starts first (it creates the schema if it is missing), then the others. Ctrl-C stops the nodes
 * gracefully, then Cassandra. Argument: the number of nodes (default 3).
 */
public final class LocalCluster {
  private LocalCluster() {}

  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Config config = ActaConfig.load();
    long started = System.nanoTime();
    EmbeddedCassandra cassandra = EmbeddedCassandra.fromConfig(config).start();
    List<LocalNode> nodes =
        IntStream.range(0, size)
            .mapToObj(i -> new LocalNode(i, 25520 + i, 8080 + i, 8558 + i))
            .toList();
    List<LocalNode> seeds = nodes.subList(0, Math.min(2, size));
    String contactPoint =
        cassandra.contactPoint().getHostString() + ":" + cassandra.contactPoint().getPort();
    List<NodeProcess> running = new CopyOnWriteArrayList<>();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping " + running.size() + " nodes, then Cassandra");
                  running.parallelStream().forEach(p -> p.stop(Duration.ofSeconds(60)));
                  cassandra.stop();
                },
                "local-cluster-shutdown"));

    for (LocalNode node : nodes) {
      String prefix = "[node-" + node.index() + "] ";
      running.add(
          NodeProcess.start(
              node,
              node.command(contactPoint, cassandra.localDatacenter(), "acta", seeds, List.of()),
              line -> System.out.println(prefix + line)));
      if (node.index() == 0)
        running.get(0).awaitReady(Duration.ofMinutes(2)); // forms the cluster, makes the schema
    }
    running.forEach(p -> p.awaitReady(Duration.ofMinutes(2)));
    System.out.printf(
        "%nLedger cluster of %d nodes ready in %d s. Ctrl-C stops it.%n",
        size, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    for (LocalNode node : nodes) {
      System.out.printf(
          "  node-%d  HTTP %s   health %s/ready   members %s/cluster/members%n",
          node.index(), node.httpUrl(), node.managementUrl(), node.managementUrl());
    }
    System.out.println();
    running.forEach(NodeProcess::awaitExit);
  }
}
