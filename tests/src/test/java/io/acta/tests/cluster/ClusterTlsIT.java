package io.acta.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.tests.cassandra.SharedCassandra;
import io.acta.tests.cassandra.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's own traffic over mutual TLS (acta.node.tls): two real ledger nodes with
 * certificates from the cluster's CA form a cluster and serve commands (each node's commands reach
 * entities on the other: two are enough to put every message over TLS, a third would only cost the
 * run time); a third, with a certificate from another CA (same subject name), cannot join: the
 * handshake fails both ways, the members stay two, and the stranger gives up starting.
 */
class ClusterTlsIT {
  private static final Duration READY = Duration.ofMinutes(2);
  private static final int MEMBERS = 2;
  private static final int STRANGER = 2;

  @TempDir Path dir;
  private final LedgerHttp http = new LedgerHttp();

  private static List<String> tls(Path certificate, Path key, Path ca) {
    return List.of(
        "-Dacta.node.tls.enabled=on",
        "-Dacta.node.tls.certificate=" + certificate,
        "-Dacta.node.tls.private-key=" + key,
        "-Dacta.node.tls.ca-certificate=" + ca);
  }

  @Test
  void nodesOfTheClustersCaFormTheClusterAndAStrangerCannotJoin() throws IOException {
    Path ours = Files.createDirectories(dir.resolve("cluster-ca"));
    Path theirs = Files.createDirectories(dir.resolve("other-ca"));
    TestCertificates clusterCa = TestCertificates.authority(ours, "Ledger Cluster CA");
    TestCertificates otherCa = TestCertificates.authority(theirs, "Another CA");
    clusterCa.issueRsa("ledger-cluster", ours.resolve("node.pem"), ours.resolve("node.key"));
    otherCa.issueRsa("ledger-cluster", theirs.resolve("node.pem"), theirs.resolve("node.key"));
    List<String> settings =
        tls(ours.resolve("node.pem"), ours.resolve("node.key"), clusterCa.certificate());
    SharedCassandra.get();
    try (ClusterHarness cluster = new ClusterHarness(3, "cluster_tls_it", settings)) {
      for (int i = 0; i < MEMBERS; i++) cluster.start(i);
      for (int i = 0; i < MEMBERS; i++) cluster.process(i).awaitReady(READY);
      ClusterChecks.awaitMembers(http, cluster.node(0), MEMBERS);
      ClusterChecks.openAccounts(
          http, List.of("tls-1", "tls-2", "tls-3", "tls-4"), cluster.nodes().subList(0, MEMBERS));

      // The stranger knows the cluster's CA (it is no secret) but holds no certificate from it:
      // it takes the nodes' certificates, and they refuse its own.
      cluster.start(
          STRANGER,
          List.of(),
          tls(theirs.resolve("node.pem"), theirs.resolve("node.key"), clusterCa.certificate()));
      ClusterChecks.awaitTrue(
          "the stranger's handshakes refused", READY, () -> handshakeFailed(cluster.log(STRANGER)));
      ClusterChecks.awaitTrue(
          "the stranger gives up starting", READY, () -> !cluster.process(STRANGER).isAlive());
      assertThat(upMembers(cluster)).isEqualTo(MEMBERS);
    }
  }

  private int upMembers(ClusterHarness cluster) {
    int up = 0;
    for (var m :
        http.get(cluster.node(0).managementUrl() + "/cluster/members").body().path("members"))
      if (m.path("status").asText().equals("Up")) up++;
    return up;
  }

  private static boolean handshakeFailed(Path log) {
    try {
      if (!Files.exists(log)) return false;
      String text = Files.readString(log).toLowerCase(Locale.ROOT);
      // The nodes' answer to its certificate, as the stranger's TLS engine reports it.
      return text.contains("sslhandshakeexception")
          && text.contains("received fatal alert: certificate_unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
