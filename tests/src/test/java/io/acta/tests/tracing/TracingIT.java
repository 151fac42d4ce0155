package io.acta.tests.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.LedgerViews;
import io.acta.http.HttpApi;
import io.acta.runtime.ActaNode;
import io.acta.runtime.NodeRole;
import io.acta.runtime.Projections;
import io.acta.tests.Eventually;
import io.acta.tests.cassandra.SharedCassandra;
import io.acta.tracing.Tracing;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One command followed through a two-node cluster in one JVM, on the real Cassandra server: sent
 * over real HTTP to a node that hosts no entities, run by its entity on the other node, persisted,
 * and folded into a view there; every step a span of the one trace the client started, found
 * through the OpenTelemetry SDK's in-memory exporter.
 */
class TracingIT {
  private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CLIENT_SPAN = "00f067aa0ba902b7";
  private static final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A new account each run: the keyspace outlives it, and a repeated key would persist nothing. */
  private static final String ID = "t-" + UUID.randomUUID().toString().substring(0, 8);

  private static ActaNode front;
  private static ActaNode back;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    // OpenTelemetry's own settings: no exporter but the test's.
    System.setProperty("otel.traces.exporter", "none");
    System.setProperty("otel.metrics.exporter", "none");
    System.setProperty("otel.logs.exporter", "none");
    int backPort = freePort();
    int frontPort = freePort();
    List<String> seeds = List.of("pekko://tracing-it@127.0.0.1:" + backPort);
    // The entities and views run on the back node only; the front node serves HTTP only.
    back =
        node(NodeRole.ENTITIES, NodeRole.PROJECTIONS)
            .address("127.0.0.1", backPort)
            .seedNodes(seeds)
            .start();
    front =
        node(NodeRole.HTTP)
            .address("127.0.0.1", frontPort)
            .seedNodes(seeds)
            .with(HttpApi.builder().port(0).build())
            .start();
    base = "http://127.0.0.1:" + front.extension(HttpApi.class).boundAddress().getPort();
  }

  private static ActaNode.Builder node(NodeRole... roles) {
    var cp = SharedCassandra.contactPoint();
    return ActaNode.builder("tracing-it")
        .entity(Account.TYPE)
        .roles(roles)
        .with(Tracing.of().alsoExportingTo(spans))
        .with(Projections.of(LedgerViews.BALANCES))
        .store("cassandra")
        .config(
            "acta.persistence.cassandra { contact-points = [\""
                + cp.getHostString()
                + ":"
                + cp.getPort()
                + "\"], create-schema = on, keyspace = tracing_it, snapshot-keyspace ="
                + " tracing_it_snapshot }")
        .config(
            "pekko.management.http { hostname = \"127.0.0.1\", port = 0 }\n"
                + "acta.tracing.enabled = on");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @AfterAll
  static void stop() {
    if (front != null) front.close();
    if (back != null) back.close();
  }

  private static HttpResponse<String> post(String path, String body, String... headers)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void oneCommandIsOneTraceFromHttpAcrossNodesIntoItsView() throws Exception {
    // The cluster may still be settling: the first command waits for the back node's shards.
    assertThat(
            Eventually.await(
                Duration.ofSeconds(60),
                () -> {
                  try {
                    return post(
                            "/api/account/" + ID + "/open",
                            "{\"owner\":\"ada\",\"currency\":\"EUR\"}")
                        .statusCode();
                  } catch (Exception e) {
                    return -1;
                  }
                },
                status -> status == 200 || status == 409))
        .isIn(200, 409);

    HttpResponse<String> deposit =
        post(
            "/api/account/" + ID + "/deposit",
            "{\"amount\":{\"minorUnits\":500,\"currency\":\"EUR\"}}",
            "Idempotency-Key",
            "trace-pay-1",
            "traceparent",
            "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01");
    assertThat(deposit.statusCode()).isEqualTo(200);
    // traceparent out: the request's own span, in the client's trace.
    assertThat(deposit.headers().firstValue("traceparent"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("00-" + CLIENT_TRACE + "-"));

    List<SpanData> trace =
        Eventually.await(
            Duration.ofSeconds(30),
            () ->
                spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(CLIENT_TRACE))
                    .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                    .toList(),
            found -> found.stream().anyMatch(s -> s.getName().equals("acta.view balances")));

    assertThat(trace)
        .extracting(SpanData::getName)
        .containsExactly(
            "HTTP POST",
            "acta.command account account.deposit",
            "acta.persist account",
            "acta.view balances");
    SpanData request = trace.get(0);
    SpanData command = trace.get(1);
    SpanData persist = trace.get(2);
    SpanData view = trace.get(3);
    // Each a child of the one before: the client's span, then across the cluster to the entity,
    // then through the journal to the view.
    assertThat(request.getParentSpanId()).isEqualTo(CLIENT_SPAN);
    assertThat(command.getParentSpanId()).isEqualTo(request.getSpanId());
    assertThat(persist.getParentSpanId()).isEqualTo(command.getSpanId());
    assertThat(view.getParentSpanId()).isEqualTo(persist.getSpanId());
    assertThat(deposit.headers().firstValue("traceparent"))
        .hasValue("00-" + CLIENT_TRACE + "-" + request.getSpanId() + "-01");

    assertThat(request.getAttributes().asMap().toString())
        .contains("url.path=/api/account/" + ID + "/deposit")
        .contains("http.response.status_code=200");
    assertThat(command.getAttributes().asMap().toString())
        .contains("acta.entity.id=" + ID + "")
        .contains("acta.outcome=accepted");
    assertThat(view.getAttributes().asMap().toString())
        .contains("acta.entity.id=" + ID + "")
        .contains("acta.event=account.deposited");
    // In order: each starts after the one it continues, and the entity answered before the
    // request did.
    assertThat(command.getStartEpochNanos()).isGreaterThanOrEqualTo(request.getStartEpochNanos());
    assertThat(persist.getStartEpochNanos()).isGreaterThanOrEqualTo(command.getStartEpochNanos());
    assertThat(view.getStartEpochNanos()).isGreaterThanOrEqualTo(persist.getEndEpochNanos());
    assertThat(command.getEndEpochNanos()).isLessThanOrEqualTo(request.getEndEpochNanos());
  }
}
