package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.LedgerViews;
import io.acta.http.HttpApi;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import io.acta.tests.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API over real loopback HTTP, against a node on the real Cassandra server. */
class HttpApiIT {
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper json = new ObjectMapper();
  private static ActaNode node;
  private static String base;

  @BeforeAll
  static void start() {
    var cp = SharedCassandra.contactPoint();
    node =
        ActaNode.builder("http-it")
            .entity(Account.TYPE)
            // HTTP added before the views on purpose: the order of with(...) must not matter.
            .with(
                HttpApi.builder()
                    .port(0)
                    .command("/accounts/{id}/deposits", Account.TYPE, AccountCommand.Deposit.class)
                    .view("/accounts/{id}/balance", LedgerViews.BALANCES)
                    .route(
                        new AllDirectives() {
                          Route ping() {
                            return path("ping", () -> get(() -> complete("pong")));
                          }
                        }.ping())
                    .build())
            .with(Projections.of(LedgerViews.BALANCES, LedgerViews.HISTORY, LedgerViews.TOTALS))
            .store("cassandra")
            .config(
                "acta.persistence.cassandra { contact-points = [\""
                    + cp.getHostString()
                    + ":"
                    + cp.getPort()
                    + "\"], create-schema = on, keyspace = http_it, snapshot-keyspace ="
                    + " http_it_snapshot }")
            .config(
                "pekko.management.http { hostname = \"127.0.0.1\", port = 0 }\n"
                    + "acta.projections.status-interval = 1s\n"
                    // Small, so that one test can reach it; the others open one stream at a time.
                    + "acta.http.max-update-streams = 2\n"
                    // A client that left is noticed on the second heartbeat after; 1 s keeps the
                    // cap test from waiting out the default 15 s twice.
                    + "acta.http.updates-heartbeat-interval = 1s")
            .start();
    base = "http://127.0.0.1:" + node.extension(HttpApi.class).boundAddress().getPort();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    String errorCode() {
      return body.path("error").path("code").asText();
    }
  }

  private static Answer send(String method, String path, String body, String... headers)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) request.header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode parsed =
        response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    return new Answer(response.statusCode(), parsed, response);
  }

  private static String money(long cents) {
    return "{\"amount\":{\"minorUnits\":" + cents + ",\"currency\":\"EUR\"}}";
  }

  @Test
  void aCustomerUsesTheLedgerOverHttp() throws Exception {
    assertThat(
            send("POST", "/api/account/h-1/open", "{\"owner\":\"ada\",\"currency\":\"EUR\"}")
                .status())
        .isEqualTo(200);
    Answer deposit =
        send("POST", "/api/account/h-1/deposit", money(500), "Idempotency-Key", "pay-1");
    assertThat(deposit.status()).isEqualTo(200);
    assertThat(deposit.body().path("minorUnits").asLong()).isEqualTo(500);
    String position = deposit.raw().headers().firstValue("Write-Position").orElseThrow();

    // Read your own write: the view answers once it has the deposit.
    Answer view =
        send(
            "GET",
            "/views/balances/h-1?position="
                + URLEncoder.encode(position, StandardCharsets.UTF_8)
                + "&wait=5s",
            null);
    assertThat(view.status()).isEqualTo(200);
    assertThat(view.body().path("balance").path("minorUnits").asLong()).isEqualTo(500);

    assertThat(
            send("GET", "/api/account/h-1", null)
                .body()
                .path("balance")
                .path("minorUnits")
                .asLong())
        .isEqualTo(500);
    JsonNode events = send("GET", "/api/account/h-1/events?from=1&limit=10", null).body();
    assertThat(events).hasSize(2);
    assertThat(events.get(1).path("type").asText()).isEqualTo("account.deposited");
  }

  @Test
  void declaredRoutesTheEscapeHatchAndTheOpenApiDocument() throws Exception {
    send("POST", "/api/account/d-1/open", "{\"owner\":\"fay\",\"currency\":\"EUR\"}");
    Answer deposit =
        send("POST", "/accounts/d-1/deposits", money(70), "Idempotency-Key", "declared-1");
    assertThat(deposit.status()).isEqualTo(200);
    assertThat(deposit.body().path("minorUnits").asLong()).isEqualTo(70);
    Answer balance =
        Eventually.await(
            Duration.ofSeconds(60),
            () -> {
              try {
                return send("GET", "/accounts/d-1/balance", null);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            a -> a.status() == 200 && a.body().path("balance").path("minorUnits").asLong() == 70);
    assertThat(balance.body().path("owner").asText()).isEqualTo("fay");
    assertThat(send("GET", "/accounts/d-1/deposits", null).status()).isEqualTo(405);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/ping")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body())
        .isEqualTo("pong");

    JsonNode api = send("GET", "/openapi.json", null).body();
    assertThat(api.path("openapi").asText()).startsWith("3.");
    assertThat(api.path("paths").has("/api/account/{id}/deposit")).isTrue();
    assertThat(api.path("paths").has("/views/balances/{key}")).isTrue();
    assertThat(api.path("paths").has("/accounts/{id}/deposits")).isTrue();
    assertThat(
            api.path("components")
                .path("schemas")
                .path("account.deposit")
                .path("properties")
                .has("amount"))
        .isTrue();
    assertThat(
            api.path("components")
                .path("schemas")
                .path("ledger.money")
                .path("properties")
                .path("minorUnits")
                .path("type")
                .asText())
        .isEqualTo("integer");
  }

  private static final Pattern FOLDED =
      Pattern.compile(
          "acta_projection_events_processed_total\\{entity_type=\"account\",slice=\"\\d+\","
              + "version=\"\\d+\",view=\"balances\"} [1-9]");

  @Test
  void operatorsSeeHealthAndMetrics() throws Exception {
    send("POST", "/api/account/m-1/open", "{\"owner\":\"ops\",\"currency\":\"EUR\"}");
    send("POST", "/api/account/m-1/withdraw", money(1)); // a rejection
    var management = node.extension(HttpApi.class).managementUri().orElseThrow();
    for (String check : List.of("/ready", "/alive")) {
      int status =
          Eventually.await(
              Duration.ofSeconds(60),
              () -> {
                try {
                  return http.send(
                          HttpRequest.newBuilder(management.resolve(check)).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .statusCode();
                } catch (Exception e) {
                  return -1;
                }
              },
              s -> s == 200);
      assertThat(status).as(check).isEqualTo(200);
    }
    String metrics =
        Eventually.await(
            Duration.ofSeconds(60),
            () -> {
              try {
                return http.send(
                        HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body();
              } catch (Exception e) {
                return "";
              }
            },
            // The account opened above, folded into balances: how fast views fold, without a query.
            m -> m.contains("acta_projection_events_behind") && FOLDED.matcher(m).find());
    assertThat(metrics)
        .contains("acta_commands_seconds_count{entity_type=\"account\",outcome=\"accepted\"");
    assertThat(metrics)
        .contains("acta_commands_seconds_count{entity_type=\"account\",outcome=\"rejected\"");
    assertThat(metrics).contains("acta_events_persisted_total{entity_type=\"account\"");
    assertThat(metrics).contains("acta_projection_events_behind{entity_type=\"account\",slice=");
    // The JVM's and the process's own, beside Acta's.
    assertThat(metrics)
        .contains("jvm_memory_used_bytes{area=\"heap\"")
        .contains("jvm_threads_live_threads")
        .contains("jvm_classes_loaded_classes")
        .contains("process_cpu_usage")
        .contains("process_files_open_files")
        .contains("process_uptime_seconds");
  }

  @Test
  void theIdempotencyKeyHeaderMakesARetryHarmless() throws Exception {
    send("POST", "/api/account/h-2/open", "{\"owner\":\"bob\",\"currency\":\"EUR\"}");
    for (int i = 0; i < 3; i++) {
      Answer retry =
          send("POST", "/api/account/h-2/deposit", money(100), "Idempotency-Key", "same");
      assertThat(retry.status()).isEqualTo(200);
      assertThat(retry.body().path("minorUnits").asLong()).isEqualTo(100);
    }
    assertThat(
            send("GET", "/api/account/h-2", null)
                .body()
                .path("balance")
                .path("minorUnits")
                .asLong())
        .isEqualTo(100);
    Answer reused = send("POST", "/api/account/h-2/deposit", money(999), "Idempotency-Key", "same");
    assertThat(reused.status()).isEqualTo(422);
  }

  @Test
  void everyFailureHasItsStatusAndOneErrorShape() throws Exception {
    send("POST", "/api/account/h-3/open", "{\"owner\":\"cy\",\"currency\":\"EUR\"}");
    record Case(int status, String code, Answer answer) {}
    List<Case> cases =
        List.of(
            new Case(409, "conflict", send("POST", "/api/account/h-3/withdraw", money(1))),
            new Case(422, "invalid", send("POST", "/api/account/h-3/deposit", money(-1))),
            new Case(
                422,
                "invalid",
                send(
                    "POST",
                    "/api/account/h-3/deposit",
                    "{\"amount\":{\"minorUnits\":1,\"currency\":\"eu\"}}")),
            new Case(400, "bad_request", send("POST", "/api/account/h-3/deposit", "{not json")),
            new Case(
                400,
                "bad_request",
                send(
                    "POST",
                    "/api/account/h-3/deposit",
                    "{\"amount\":{\"minorUnits\":\"ten\",\"currency\":\"EUR\"}}")),
            new Case(404, "not_found", send("POST", "/api/nope/h-3/open", "{}")),
            new Case(404, "not_found", send("POST", "/api/account/h-3/teleport", "{}")),
            new Case(404, "not_found", send("GET", "/views/nope/x", null)),
            new Case(404, "not_found", send("POST", "/views/nope/x", "{}")),
            new Case(404, "not_found", send("GET", "/api/nope/h-3", null)),
            new Case(
                415,
                "unsupported_media_type",
                send("POST", "/api/account/h-3/deposit", null, "Content-Type", "text/plain")),
            new Case(404, "not_found", send("GET", "/views/balances/nobody", null)),
            new Case(405, "method_not_allowed", send("DELETE", "/api/account/h-3", null)),
            new Case(
                413,
                "too_large",
                send("POST", "/api/account/h-3/deposit", "{\"x\":\"" + "a".repeat(70_000) + "\"}")),
            new Case(
                503,
                "unavailable",
                send("GET", "/views/balances/h-3?position=account%7Ch-3%7C999&wait=200ms", null)),
            // Not HOCON: a second line cannot stretch the wait to 3 s, nor include a file.
            new Case(
                400,
                "bad_request",
                send(
                    "GET",
                    "/views/balances/h-3?position=account%7Ch-3%7C999&wait=200ms%0Aw%3D3s",
                    null)),
            new Case(
                400,
                "bad_request",
                send(
                    "GET",
                    "/views/balances/h-3?position=account%7Ch-3%7C999&wait=include%20%22x%22",
                    null)),
            new Case(400, "bad_request", send("GET", "/views/balances?limit=%2B5", null)));
    for (Case c : cases) {
      assertThat(c.answer().status())
          .as(c.answer().raw().uri() + " " + c.answer().raw().body())
          .isEqualTo(c.status());
      assertThat(c.answer().errorCode()).isEqualTo(c.code());
      assertThat(c.answer().body().path("error").path("message").asText()).isNotBlank();
      String requestId = c.answer().body().path("error").path("requestId").asText();
      assertThat(c.answer().raw().headers().firstValue("X-Request-Id")).hasValue(requestId);
    }
    assertThat(cases.get(4).answer().body().path("error").path("message").asText())
        .contains("amount.minorUnits");
    assertThat(
            send("GET", "/api/account/h-3", null, "X-Request-Id", "trace-42")
                .raw()
                .headers()
                .firstValue("X-Request-Id"))
        .hasValue("trace-42");
  }

  private static SseReader sse(String path, String lastEventId) throws Exception {
    return new SseReader(http, URI.create(base + path), lastEventId);
  }

  @Test
  void aRowsUpdatesStreamInOrderAndResumeFromTheLastEventId() throws Exception {
    send("POST", "/api/account/s-1/open", "{\"owner\":\"eve\",\"currency\":\"EUR\"}");
    long lastId;
    try (SseReader stream = sse("/views/balances/s-1/updates", null)) {
      SseReader.Sse first = stream.next(); // the current row
      assertThat(first.data().path("owner").asText()).isEqualTo("eve");
      long previous = first.id();
      long balance = first.data().path("balance").path("minorUnits").asLong();
      for (int i = 1; i <= 3; i++) {
        send("POST", "/api/account/s-1/deposit", money(10), "Idempotency-Key", "s" + i);
        SseReader.Sse update;
        do {
          update = stream.next();
          assertThat(update.id()).as("versions only grow").isGreaterThan(previous);
          previous = update.id();
        } while (update.data().path("balance").path("minorUnits").asLong() < balance + 10);
        balance = update.data().path("balance").path("minorUnits").asLong();
      }
      assertThat(balance).isEqualTo(30);
      lastId = previous;
    }

    send("POST", "/api/account/s-1/deposit", money(5), "Idempotency-Key", "after-disconnect");
    try (SseReader resumed = sse("/views/balances/s-1/updates", Long.toString(lastId))) {
      SseReader.Sse next = resumed.next();
      assertThat(next.id()).as("nothing seen before is sent again").isGreaterThan(lastId);
      while (next.data().path("balance").path("minorUnits").asLong() < 35) next = resumed.next();
      assertThat(next.data().path("balance").path("minorUnits").asLong()).isEqualTo(35);
    }
    assertThat(send("GET", "/views/nope/x/updates", null).status()).isEqualTo(404);
    assertThat(send("GET", "/views/balances/s-1/updates", null, "Last-Event-ID", "abc").status())
        .isEqualTo(400);
  }

  /** The status of a fresh updates stream, closed at once. */
  private static int openAndCloseStream(String path) {
    try {
      HttpResponse<InputStream> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path)).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      r.body().close();
      return r.statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static double openStreamsMetric() {
    try {
      String metrics =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return metrics
          .lines()
          .filter(l -> l.startsWith("acta_http_update_streams "))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
          .findFirst()
          .orElse(-1);
    } catch (Exception e) {
      return -1;
    }
  }

  @Test
  void aNodeServesAtMostItsCapOfUpdateStreamsAndFreesASlotWhenOneEnds() throws Exception {
    send("POST", "/api/account/cap-1/open", "{\"owner\":\"gus\",\"currency\":\"EUR\"}");
    String path = "/views/balances/cap-1/updates";
    // The server learns that a client left when writing to it fails: at the latest on the second
    // heartbeat after (1 s apart here), so the streams of other tests and this one's take that
    // long.
    Duration noticed = Duration.ofSeconds(30);
    Eventually.await(noticed, HttpApiIT::openStreamsMetric, n -> n == 0);
    try (SseReader first = sse(path, null)) {
      SseReader second = sse(path, null);
      Answer third = send("GET", path, null);
      assertThat(third.status()).isEqualTo(503);
      assertThat(third.errorCode()).isEqualTo("unavailable");
      assertThat(third.body().path("error").path("message").asText())
          .contains("at most 2 update streams");
      assertThat(first.next().data().path("owner").asText())
          .as("the open streams still serve")
          .isEqualTo("gus");

      second.close();
      assertThat(Eventually.await(noticed, () -> openAndCloseStream(path), s -> s == 200))
          .as("a slot is free once a stream ends")
          .isEqualTo(200);
    }
    assertThat(Eventually.await(noticed, HttpApiIT::openStreamsMetric, n -> n == 0)).isZero();
  }

  @Test
  void hostileAndMalformedRequestsGetNoServerErrorAndLeaveTheNodeHealthy() throws Exception {
    Random random = new Random(7);
    String[] methods = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
    String[] paths = {
      "/api/account/%s/deposit",
      "/api/account/%s",
      "/api/account/%s/events?from=%s&limit=%s",
      "/views/balances/%s",
      "/views/balances?after=%s&limit=%s",
      "/api/%s/%s/%s",
      "/views/%s",
      "/%s",
      "/api/account"
    };
    String[] bodies = {
      "",
      "{",
      "null",
      "[]",
      "{\"amount\":null}",
      "{\"amount\":{\"minorUnits\":1e400,\"currency\":\"EUR\"}}",
      "{\"amount\":{\"minorUnits\":9223372036854775807,\"currency\":\"EUR\"}}",
      "\u0000\u0001",
      "{\"a\":" + "[".repeat(5000)
    };
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String path =
          String.format(
              paths[random.nextInt(paths.length)],
              oddSegment(random),
              oddSegment(random),
              oddSegment(random));
      String method = methods[random.nextInt(methods.length)];
      String body =
          random.nextInt(4) == 0
              ? "x".repeat(random.nextInt(200_000))
              : bodies[random.nextInt(bodies.length)];
      HttpResponse<String> r;
      try {
        var request =
            HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                    method,
                    method.equals("GET")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", random.nextBoolean() ? "application/json" : "text/plain")
                .build();
        r = sendOnceMore(request);
      } catch (IllegalArgumentException unusableUri) {
        continue; // the client itself refuses to send it
      }
      if (r.statusCode() >= 500 || r.body().contains("\tat ") || r.body().contains("Exception")) {
        failures.add(method + " " + path + " -> " + r.statusCode() + " " + r.body());
      }
    }
    assertThat(failures).isEmpty();
    send("POST", "/api/account/healthy/open", "{\"owner\":\"dee\",\"currency\":\"EUR\"}");
    assertThat(send("POST", "/api/account/healthy/deposit", money(1)).status()).isEqualTo(200);
  }

  /**
   * Sends; when the pooled connection turns out closed (the server closes it after refusing a body
   * it did not read), sends once more on a new one. A server that fails for real fails both times.
   */
  private static HttpResponse<String> sendOnceMore(HttpRequest request) throws Exception {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException closedConnection) {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  private static String oddSegment(Random random) {
    String[] odd = {
      "acc-1",
      "%20",
      "..",
      "%2e%2e%2f",
      "a".repeat(300),
      "%00",
      "%F0%9F%92%B0",
      "-1",
      "0",
      "ü",
      "%25",
      "a;b",
      "abc?x=1",
      "999999999999999999999",
      "",
      "balances",
      "account"
    };
    return odd[random.nextInt(odd.length)];
  }
}
