package io.acta.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acta.examples.ledger.cluster.LocalNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What the cluster tests do alike: open the accounts, wait for members and conditions, read what a
 * node reports.
 */
final class ClusterChecks {
  private ClusterChecks() {}

  /** Opens each account in EUR, round robin over {@code nodes}, retrying while a node is busy. */
  static void openAccounts(LedgerHttp http, List<String> accounts, List<LocalNode> nodes) {
    for (int i = 0; i < accounts.size(); i++) {
      String account = accounts.get(i);
      LocalNode node = nodes.get(i % nodes.size());
      String body = "{\"owner\":\"o-" + i + "\",\"currency\":\"EUR\"}";
      // As a client should: a 503 (a shard still being allocated on a busy machine, an entity
      // starting) is retried. Opening takes no idempotency key; a 409 after a failed attempt means
      // that attempt was applied after all.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      boolean retried = false;
      while (true) {
        int status;
        try {
          status = http.command(node, account, "open", body, null).status();
        } catch (IOException e) {
          status = -1; // the node not answering at all: as a 503
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        if (status == 200 || (status == 409 && retried)) break;
        assertThat(status).as("open %s", account).isIn(-1, 503);
        if (System.nanoTime() > deadline)
          throw new AssertionError("open " + account + ": still " + status + " after 60 s");
        retried = true;
        LockSupport.parkNanos(Duration.ofMillis(250).toNanos()); // back off, as a client should
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

  /**
   * The views {@code node} reports behind, from its {@code acta_projection_events_behind} gauges.
   */
  static List<String> viewsBehind(LedgerHttp http, LocalNode node) {
    List<String> out = new ArrayList<>();
    for (String line : http.text(node.httpUrl() + "/metrics").split("\n")) {
      if (!line.startsWith("acta_projection_events_behind{")) continue;
      double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      if (value != 0) out.add("node " + node.index() + " " + line);
    }
    return out;
  }

  /**
   * How far the node's clock is behind ours, in whole seconds, from the Date header of its answer
   * (which has a resolution of a second).
   */
  static long clockBehindSeconds(LocalNode node) {
    try {
      HttpResponse<Void> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(node.httpUrl() + "/metrics")).build(),
                  HttpResponse.BodyHandlers.discarding());
      ZonedDateTime theirs =
          ZonedDateTime.parse(
              answer.headers().firstValue("Date").orElseThrow(),
              DateTimeFormatter.RFC_1123_DATE_TIME);
      return Duration.between(theirs.toInstant(), Instant.now()).toSeconds();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
