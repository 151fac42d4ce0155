package io.acta.tests.cluster;

import io.acta.examples.ledger.cluster.LocalNode;
import io.acta.examples.ledger.cluster.NodeProcess;
import io.acta.tests.cassandra.SharedCassandra;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real ledger nodes, each in a JVM of its own (started as {@link LocalNode} starts them for the
 * README's local cluster), on loopback ports chosen free, against the run's shared Cassandra in a
 * keyspace of their own. Each incarnation of a node logs to {@code
 * target/cluster-it/<keyspace>-node-<i>-<n>.log}.
 */
final class ClusterHarness implements AutoCloseable {
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private final List<LocalNode> nodes = new ArrayList<>();
  private final NodeProcess[] running;
  private final int[] incarnations;
  private final String keyspace;
  private final List<String> settings;
  private final Path logs = Path.of("target", "cluster-it").toAbsolutePath();

  ClusterHarness(int size, String keyspace, List<String> settings) {
    for (int i = 0; i < size; i++) nodes.add(new LocalNode(i, freePort(), freePort(), freePort()));
    this.running = new NodeProcess[size];
    this.incarnations = new int[size];
    this.keyspace = keyspace;
    this.settings = settings;
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  LocalNode node(int i) {
    return nodes.get(i);
  }

  List<LocalNode> nodes() {
    return List.copyOf(nodes);
  }

  /** Starts node {@code i} (a new incarnation if it ran before); returns at once. */
  NodeProcess start(int i) {
    return start(i, List.of());
  }

  /**
   * As {@link #start(int)}, its command run by {@code launcher} (a program that runs the command
   * that follows it, such as {@code env VAR=value}); the node keeps the launcher's process id when
   * the launcher execs, as {@code env} does, so its signals reach the node.
   */
  NodeProcess start(int i, List<String> launcher) {
    return start(i, launcher, List.of());
  }

  /** As {@link #start(int, List)}, with {@code more} settings after the cluster's (they win). */
  NodeProcess start(int i, List<String> launcher, List<String> more) {
    LocalNode node = nodes.get(i);
    var cassandra = SharedCassandra.get();
    String contactPoint =
        cassandra.contactPoint().getHostString() + ":" + cassandra.contactPoint().getPort();
    Path log = log(i, ++incarnations[i]);
    PrintWriter out;
    try {
      out = new PrintWriter(Files.newBufferedWriter(log), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>(launcher);
    command.addAll(
        node.command(
            contactPoint,
            cassandra.localDatacenter(),
            keyspace,
            nodes.subList(0, 2),
            concat(settings, more)));
    running[i] = NodeProcess.start(node, command, out::println);
    return running[i];
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  NodeProcess process(int i) {
    return running[i];
  }

  /** The log of the latest incarnation of node {@code i}. */
  Path log(int i) {
    return log(i, incarnations[i]);
  }

  private Path log(int i, int incarnation) {
    return logs.resolve(keyspace + "-node-" + i + "-" + incarnation + ".log");
  }

  /** Stops every node still running, gracefully where it can. */
  @Override
  public void close() {
    for (NodeProcess p : running) {
      if (p != null && p.isAlive()) {
        try {
          p.stop(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
          p.kill();
        }
      }
    }
  }

  /**
   * A port free now, below Linux's ephemeral range (32768 and up): the nodes bind it seconds later,
   * and a port from that range may meanwhile become the source port of some outgoing connection.
   * Never one handed out before in this run: free now does not mean that no node was told to bind
   * it and has not yet.
   */
  private static int freePort() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int candidate = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
      if (!HANDED_OUT.add(candidate)) continue;
      try (ServerSocket s = new ServerSocket(candidate)) {
        return s.getLocalPort();
      } catch (IOException taken) {
        // Try another.
      }
    }
    throw new UncheckedIOException(new IOException("no free port found between 20000 and 32000"));
  }
}
