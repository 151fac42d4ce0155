package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.acta.examples.ledger.LedgerViews;
import io.acta.http.HttpApi;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stopping node ends its updates streams properly, over real loopback HTTP, on the real Cassandra
 * server: each client reads the end of its response (and reconnects to a node still serving, with
 * Last-Event-ID), instead of a connection cut in the middle of it.
 */
class UpdateStreamsAtStopIT {
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void stoppingTheNodeEndsItsUpdatesStreamsInsteadOfCuttingThem() throws Exception {
    ActaNode node =
        CassandraNodes.ledger(
            "updates-stop-it",
            "updates_stop_it",
            List.of(HttpApi.builder().port(0).build(), Projections.of(LedgerViews.BALANCES)),
            "pekko.management.http { hostname = \"127.0.0.1\", port = 0 }",
            List.of());
    boolean closed = false;
    try {
      String base = "http://127.0.0.1:" + node.extension(HttpApi.class).boundAddress().getPort();
      for (String id : new String[] {"stop-1", "stop-2"}) {
        var open =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/account/" + id + "/open"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"owner\":\"ann\",\"currency\":\"EUR\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(open.statusCode()).isEqualTo(200);
      }
      try (SseReader first =
              new SseReader(http, URI.create(base + "/views/balances/stop-1/updates"), null);
          SseReader second =
              new SseReader(http, URI.create(base + "/views/balances/stop-2/updates"), null)) {
        // Each has its current row: the responses have started, as a subscriber's do.
        assertThat(first.next().data().path("owner").asText()).isEqualTo("ann");
        assertThat(second.next().data().path("owner").asText()).isEqualTo("ann");

        node.close();
        closed = true;

        for (SseReader stream : new SseReader[] {first, second}) {
          assertThatCode(() -> stream.ended().get(30, TimeUnit.SECONDS))
              .as("the stream's response ended properly, its connection not cut in the middle")
              .doesNotThrowAnyException();
        }
      }
    } finally {
      if (!closed) node.close();
    }
  }
}
