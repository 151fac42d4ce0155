package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.Alerts;
import io.acta.examples.ledger.LedgerReactions;
import io.acta.examples.ledger.LedgerService;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Money;
import io.acta.http.HttpApi;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} as Prometheus itself reads it: {@code promtool check metrics} (Debian's
 * prometheus package, installed by the test command when missing) finds no problem in what a ledger
 * node with views, a reaction and some traffic exposes, Acta's meters and the JVM's alike.
 */
class MetricsFormatIT {
  @Test
  void promtoolFindsNoProblemInTheMetrics() throws Exception {
    try (ActaNode node =
        CassandraNodes.ledger(
            "metrics-it",
            "metrics_it",
            List.of(
                LedgerService.httpApi().port(0).build(),
                Projections.of(LedgerViews.BALANCES, LedgerViews.TOTALS)
                    .withReactions(LedgerReactions.LARGE_WITHDRAWALS)),
            // Lag gauges appear with the first measurement: soon.
            "acta.projections.status-interval = 1s",
            List.of(Alerts.TYPE))) {
      for (int i = 0; i < 5; i++) {
        var account = node.entity(Account.TYPE, "metrics-" + i);
        account.ask(new AccountCommand.Open("ada", "EUR")).toCompletableFuture().join();
        account
            .ask(new AccountCommand.Deposit(Money.of(1_000, "EUR"), "d-" + i))
            .toCompletableFuture()
            .join();
      }
      String base = "http://127.0.0.1:" + node.extension(HttpApi.class).boundAddress().getPort();
      String metrics = scrape(base);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!metrics.contains("acta_projection_events_behind") && System.nanoTime() < deadline) {
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        metrics = scrape(base);
      }
      assertThat(metrics)
          .contains("acta_commands_seconds")
          .contains("acta_projection_events_behind")
          .contains("acta_reaction_events_behind")
          .contains("jvm_memory_used_bytes")
          .contains("process_cpu_usage");

      Result check = promtool(metrics);
      assertThat(check.output()).as("promtool check metrics").isEmpty();
      assertThat(check.exitCode()).isZero();
    }
  }

  private static String scrape(String base) throws IOException, InterruptedException {
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    return metrics.body();
  }

  private record Result(int exitCode, String output) {}

  private static Result promtool(String exposition) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("promtool took over a minute");
    }
    return new Result(p.exitValue(), output);
  }
}
