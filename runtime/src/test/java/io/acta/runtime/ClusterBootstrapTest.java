package io.acta.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;

/**
 * {@code acta.node.join = bootstrap}: two nodes that know only a discovery method (here Pekko's
 * {@code config} method, listing their management endpoints) find each other over loopback through
 * Pekko Management's Cluster Bootstrap and form one cluster.
 */
class ClusterBootstrapTest {

  @Test
  void twoNodesFindEachOtherThroughDiscoveryAndFormOneCluster() {
    int first = freePort();
    int second = freePort();
    String discovery =
        "pekko.discovery.config.services.ledger-bootstrap.endpoints = ["
            + "{host = \"127.0.0.1\", port = "
            + first
            + "}, {host = \"127.0.0.1\", port = "
            + second
            + "}]\n"
            + "acta.node.bootstrap.service-name = ledger-bootstrap\n"
            // The machine's Maven mirror serves pekko-discovery only up to 1.2.1 (test scope, see
            // the pom),
            // older than the rest of Pekko; Pekko 1.x stays binary compatible, so the version check
            // is relaxed here only.
            + "pekko.fail-mixed-versions = off\n"
            + "pekko.management.cluster.bootstrap.contact-point-discovery.stable-margin = 1s\n"
            // Both nodes share one host, with different management ports: keep contact points on
            // other ports.
            + "pekko.management.cluster.bootstrap.contact-point.filter-on-fallback-port = false\n"
            + "pekko.cluster.jmx.multi-mbeans-in-same-jvm = on\n";
    CompletableFuture<ActaNode> a = CompletableFuture.supplyAsync(() -> node(first, discovery));
    CompletableFuture<ActaNode> b = CompletableFuture.supplyAsync(() -> node(second, discovery));
    try (ActaNode one = a.join();
        ActaNode two = b.join()) {
      for (ActaNode node : List.of(one, two)) {
        var members = Cluster.get(node.actorSystem()).state().getMembers();
        assertThat(
                StreamSupport.stream(members.spliterator(), false).map(m -> m.address().toString()))
            .as("members seen by %s", node.actorSystem().address())
            .containsExactlyInAnyOrder(
                one.actorSystem().address().toString(), two.actorSystem().address().toString());
      }
    }
  }

  @Test
  void bootstrapWithSeedNodesIsRefusedAtStart() {
    assertThatThrownBy(
            () ->
                ActaNode.builder("refused")
                    .store("in-memory")
                    .bootstrap("config", 2)
                    .seedNodes(List.of("pekko://refused@127.0.0.1:25520"))
                    .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leave acta.node.seed-nodes empty");
  }

  private static ActaNode node(int managementPort, String discovery) {
    return ActaNode.builder("ledger-bootstrap")
        .store("in-memory")
        .address("127.0.0.1", 0)
        .bootstrap("config", 2)
        .config(discovery)
        .config("pekko.management.http { hostname = \"127.0.0.1\", port = " + managementPort + " }")
        .start();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
