package io.acta.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acta.examples.ledger.cluster.LocalNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** What the cluster tests do alike: open the accounts, wait for members and conditions. */
final class ClusterChecks {
  private ClusterChecks() {}

  /** Opens each account in EUR, round robin over {@code nodes}; each must answer 200. */
  static void openAccounts(LedgerHttp http, List<String> accounts, List<LocalNode> nodes) {
    for (int i = 0; i < accounts.size(); i++) {
      LocalNode node = nodes.get(i % nodes.size());
      try {
        var answer =
            http.command(
                node,
                accounts.get(i),
                "open",
                "{\"owner\":\"o-" + i + "\",\"currency\":\"EUR\"}",
                null);
        assertThat(answer.status()).as("open %s", accounts.get(i)).isEqualTo(200);
      } catch (IOException e) {
        throw new UncheckedIOException("open " + accounts.get(i), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Waits until {@code node} sees {@code up} members Up (Pekko Management's cluster HTTP). */
  static void awaitMembers(LedgerHttp http, LocalNode node, int up) {
    awaitTrue(
        up + " Up members seen by node " + node.index(),
        Duration.ofSeconds(60),
        () -> {
          int count = 0;
          for (JsonNode m :
              http.get(node.managementUrl() + "/cluster/members").body().path("members")) {
            if (m.path("status").asText().equals("Up")) count++;
          }
          return count == up;
        });
  }

  /** Waits until {@code condition} holds, checking every 250 ms; fails after {@code timeout}. */
  static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("not within " + timeout + ": " + what);
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
  }
}
