package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.examples.ledger.LedgerService;
import io.acta.http.HttpApi;
import io.acta.runtime.ActaNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over HTTPS, checked with curl (a client outside the JVM) trusting a test CA that openssl
 * made: TLS 1.2+ only, plain HTTP refused, and a renewed certificate served without a restart.
 */
class HttpsIT {
  @TempDir static Path dir;
  private static TestCertificates ca;
  private static ActaNode node;
  private static int port;

  @BeforeAll
  static void start() throws IOException {
    ca = TestCertificates.authority(dir, "Acta Test CA");
    ca.issue("localhost", dir.resolve("server.pem"), dir.resolve("server.key"));
    node =
        CassandraNodes.ledger(
            "https-it",
            "https_it",
            List.of(LedgerService.httpApi().port(0).build()),
            "pekko.management.http { hostname = \"127.0.0.1\", port = 0 }\n"
                + "acta.http.tls {\n"
                + "  enabled = on\n"
                + "  certificate = \""
                + dir.resolve("server.pem")
                + "\"\n"
                + "  private-key = \""
                + dir.resolve("server.key")
                + "\"\n"
                + "  reload-check-interval = 0s\n"
                + "}",
            List.of());
    port = node.extension(HttpApi.class).boundAddress().getPort();
  }

  @AfterAll
  static void stop() {
    if (node != null) node.close();
  }

  private static Outside curl(String... args) {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
    command.addAll(List.of(args));
    return Outside.run(dir, command);
  }

  @Test
  void aClientTrustingTheCaReadsTheApiOverTls() {
    Outside ok =
        curl(
            "--cacert",
            ca.certificate().toString(),
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "https://localhost:" + port + "/openapi.json");
    assertThat(ok.exit()).as(ok.output()).isZero();
    assertThat(ok.output()).isEqualTo("200");
    Outside untrusted = curl("-o", "/dev/null", "https://localhost:" + port + "/openapi.json");
    assertThat(untrusted.exit()).as("a client that does not trust the CA").isEqualTo(60);
  }

  @Test
  void plainHttpAndOldTlsAreRefused() {
    Outside plain =
        curl("-o", "/dev/null", "-w", "%{http_code}", "http://localhost:" + port + "/openapi.json");
    assertThat(plain.exit()).as(plain.output()).isNotZero();
    Outside old =
        curl(
            "--cacert",
            ca.certificate().toString(),
            "--tlsv1.1",
            "--tls-max",
            "1.1",
            "-o",
            "/dev/null",
            "https://localhost:" + port + "/openapi.json");
    assertThat(old.exit()).as(old.output()).isNotZero();
  }

  @Test
  void aRenewedCertificateIsServedWithoutARestart() throws IOException {
    ca.issue("renewed.localhost", dir.resolve("server.pem"), dir.resolve("server.key"));
    Outside renewed =
        curl(
            "-v",
            "--cacert",
            ca.certificate().toString(),
            "-o",
            "/dev/null",
            "https://localhost:" + port + "/openapi.json");
    assertThat(renewed.exit()).as(renewed.output()).isZero();
    assertThat(renewed.output()).contains("subject: CN=renewed.localhost");
  }
}
