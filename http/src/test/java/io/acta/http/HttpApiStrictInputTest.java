package io.acta.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acta.runtime.ActaNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP API accepts from a client, over real loopback HTTP on an in-memory node: values of
 * exactly their field's JSON kind, JSON bodies only, well-formed idempotency keys, and errors that
 * say what was wrong in the API's words, never in Java's.
 */
class HttpApiStrictInputTest {
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper json = new ObjectMapper();
  private static final AtomicInteger ids = new AtomicInteger();
  private static ActaNode node;
  private static String base;

  @BeforeAll
  static void start() {
    node =
        ActaNode.builder("http-strict")
            .entity(Till.TYPE)
            .with(HttpApi.builder().host("127.0.0.1").port(0).build())
            .store("in-memory")
            .config("acta.http.management = off")
            .start();
    base = "http://127.0.0.1:" + node.extension(HttpApi.class).boundAddress().getPort();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  record Answer(int status, JsonNode body) {
    String code() {
      return body.path("error").path("code").asText();
    }

    String message() {
      return body.path("error").path("message").asText();
    }
  }

  private static Answer send(
      String method, String path, String contentType, String body, String... headers)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) request.header("Content-Type", contentType);
    for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body()));
  }

  private static Answer post(String path, String body, String... headers) throws Exception {
    return send("POST", path, "application/json", body, headers);
  }

  private static String newTill() {
    return "/api/till/t-" + ids.incrementAndGet();
  }

  private static long total(String till) throws Exception {
    return send("GET", till, null, null).body().path("total").asLong();
  }

  private static String ring(String cents) {
    return "{\"amount\":{\"cents\":" + cents + ",\"currency\":\"EUR\"}}";
  }

  /** A 400 whose message names {@code field} and what it takes; nothing was rung up. */
  private static void refused(String till, String command, String body, String... mentions)
      throws Exception {
    Answer a = post(till + "/" + command, body);
    assertThat(a.status()).as(body + " -> " + a.body()).isEqualTo(400);
    assertThat(a.code()).isEqualTo("bad_request");
    assertThat(a.message()).as(body).contains(mentions);
    assertThat(total(till)).as("nothing rung up for " + body).isZero();
  }

  @Test
  void aFractionIsNotTakenForAWholeNumber() throws Exception {
    String till = newTill();
    refused(till, "ring", ring("100.9"), "'amount.cents'", "a whole number");
    refused(till, "ring", ring("100.0"), "'amount.cents'", "a whole number");
    assertThat(post(till + "/ring", ring("100")).status()).isEqualTo(200);
    assertThat(total(till)).isEqualTo(100);
  }

  @Test
  void aStringIsNotTakenForANumberOrABooleanNorTheReverse() throws Exception {
    String till = newTill();
    refused(till, "ring", ring("\"5000\""), "'amount.cents'", "a whole number");
    refused(till, "ring", ring("\"\""), "'amount.cents'", "a whole number");
    refused(
        till, "ring", "{\"amount\":{\"cents\":5,\"currency\":7}}", "'amount.currency'", "a string");
    refused(till, "label", "{\"text\":5}", "'text'", "a string");
    refused(till, "label", "{\"text\":true}", "'text'", "a string");
    refused(till, "label", "{\"loud\":\"true\"}", "'loud'", "true or false");
    refused(till, "label", "{\"loud\":1}", "'loud'", "true or false");
    assertThat(post(till + "/label", "{\"text\":\"open\",\"loud\":true}").status()).isEqualTo(200);
  }

  @Test
  void aNullIsNotTakenForAPrimitive() throws Exception {
    refused(newTill(), "ring", ring("null"), "'amount.cents'", "a whole number");
  }

  @Test
  void aFieldNamedTwiceIsRefusedNotTakenWithItsLastValue() throws Exception {
    String till = newTill();
    refused(
        till,
        "ring",
        "{\"amount\":{\"cents\":1,\"currency\":\"EUR\"},\"amount\":{\"cents\":900,\"currency\":\"EUR\"}}",
        "duplicate field 'amount'");
    refused(
        till,
        "ring",
        "{\"amount\":{\"cents\":1,\"cents\":900,\"currency\":\"EUR\"}}",
        "duplicate field 'amount.cents'");
  }

  @Test
  void anUnknownFieldIsRefusedWithItsPath() throws Exception {
    refused(
        newTill(),
        "ring",
        "{\"amount\":{\"cents\":1,\"currency\":\"EUR\",\"tip\":2}}",
        "unknown field 'amount.tip'",
        "cents",
        "currency");
  }

  @Test
  void aCommandInAnythingButJsonIsUnsupportedMediaType() throws Exception {
    String till = newTill();
    for (String type :
        List.of(
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
      Answer a = send("POST", till + "/ring", type, ring("100"));
      assertThat(a.status()).as(type).isEqualTo(415);
      assertThat(a.code()).isEqualTo("unsupported_media_type");
      assertThat(a.message()).contains("application/json");
    }
    assertThat(send("POST", till + "/ring", null, ring("100")).status())
        .as("no Content-Type")
        .isEqualTo(415);
    assertThat(total(till)).isZero();

    assertThat(send("POST", till + "/ring", "application/json; charset=utf-8", ring("7")).status())
        .isEqualTo(200);
    assertThat(total(till)).isEqualTo(7);
  }

  @Test
  void anUnknownEntityTypeIsNotFoundWhateverTheMethodAndPath() throws Exception {
    List<Answer> answers =
        List.of(
            send("GET", "/api/nope/x", null, null),
            send("POST", "/api/nope/x/ring", "application/json", "{}"),
            send("DELETE", "/api/nope/x", null, null),
            send("GET", "/api/nope/x/events", null, null),
            send("PUT", "/api/nope/x/y/z", "text/plain", "hi"),
            send("GET", "/api/nope", null, null));
    for (Answer a : answers) {
      assertThat(a.status()).as(a.body().toString()).isEqualTo(404);
      assertThat(a.code()).isEqualTo("not_found");
      assertThat(a.message()).contains("unknown entity type 'nope'");
    }
  }

  @Test
  void anUnknownViewIsNotFoundWhateverTheMethod() throws Exception {
    for (Answer a :
        List.of(
            send("GET", "/views/nope/x", null, null),
            send("POST", "/views/nope/x", "application/json", "{}"),
            send("GET", "/views/nope/x/updates", null, null),
            send("DELETE", "/views/nope", null, null))) {
      assertThat(a.status()).as(a.body().toString()).isEqualTo(404);
      assertThat(a.code()).isEqualTo("not_found");
    }
  }

  @Test
  void queryParametersAreReadStrictly() throws Exception {
    String till = newTill();
    for (String query : List.of("limit=%2B5", "limit=1e3", "limit=0", "from=-1", "from=%D9%A5")) {
      Answer a = send("GET", till + "/events?" + query, null, null);
      assertThat(a.status()).as(query).isEqualTo(400);
      assertThat(a.message()).as(query).contains("must be a whole number from");
    }
  }

  @Test
  void noErrorNamesAJavaClassOrPackage() throws Exception {
    String till = newTill();
    List<Answer> answers = new ArrayList<>();
    for (String body :
        List.of(
            "{\"amount\": ",
            "{\"amount\":\"EUR 5\"}",
            "{\"amount\":[1]}",
            "{\"amount\":5}",
            "{\"amount\":{\"cents\":1}}",
            "{\"amount\":{\"cents\":9223372036854775808,\"currency\":\"EUR\"}}",
            "{\"amount\":{\"cents\":1e400,\"currency\":\"EUR\"}}",
            "{\"amount\":{\"cents\":{},\"currency\":\"EUR\"}}",
            "[]",
            "\"x\"",
            "nul")) {
      answers.add(post(till + "/ring", body));
    }
    answers.add(send("GET", "/api/nope/x", null, null));
    answers.add(send("GET", "/api/till/" + "a".repeat(500), null, null));
    for (Answer a : answers) {
      assertThat(a.status()).as(a.body().toString()).isBetween(400, 499);
      assertThat(a.message())
          .as("the message names no Java class or package")
          .isNotBlank()
          .doesNotContainPattern("(?:[a-z][a-z0-9_]*\\.)+[A-Z]")
          .doesNotContain("java", "Java", "Till", "Cash", "Ring", "Exception", "`", "Long", "long");
    }
  }

  @Test
  void anIdempotencyKeyIsAQuotedOrBareStringOfPrintableAscii() throws Exception {
    String till = newTill();
    for (String key : List.of("has space", "\"open", "\"a\"b\"", "\"\"", "\"a\\b\"")) {
      Answer a = post(till + "/ring", ring("1"), "Idempotency-Key", key);
      assertThat(a.status()).as(key).isEqualTo(400);
      assertThat(a.message()).contains("Idempotency-Key", "printable ASCII");
    }
    assertThat(post(till + "/ring", ring("1"), "Idempotency-Key", "k".repeat(256)).status())
        .as("over-long")
        .isEqualTo(400);
    assertThat(total(till)).isZero();

    assertThat(post(till + "/ring", ring("5"), "Idempotency-Key", "k".repeat(255)).status())
        .isEqualTo(200);
    assertThat(post(till + "/ring", ring("3"), "Idempotency-Key", "\"pay \\\"1\\\"\"").status())
        .isEqualTo(200);
    Answer repeat = post(till + "/ring", ring("3"), "Idempotency-Key", "\"pay \\\"1\\\"\"");
    assertThat(repeat.status()).isEqualTo(200);
    assertThat(repeat.body().asLong()).as("the original reply").isEqualTo(8);
    assertThat(total(till)).isEqualTo(8);
  }

  @Test
  void aQuotedKeyAndTheSameKeyBareAreOneOperation() throws Exception {
    String till = newTill();
    assertThat(post(till + "/ring", ring("4"), "Idempotency-Key", "\"order-9\"").status())
        .isEqualTo(200);
    assertThat(post(till + "/ring", ring("4"), "Idempotency-Key", "order-9").status())
        .isEqualTo(200);
    assertThat(total(till)).isEqualTo(4);
  }

  @Test
  void anIdempotencyKeyForACommandThatIsNotIdempotentIsRefused() throws Exception {
    Answer a = post(newTill() + "/label", "{\"text\":\"x\"}", "Idempotency-Key", "k-1");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.message())
        .isEqualTo("command 'label' is not idempotent: it takes no Idempotency-Key header");
  }

  @Test
  void aKeyReusedWithAnotherBodyIsUnprocessable() throws Exception {
    String till = newTill();
    assertThat(post(till + "/ring", ring("10"), "Idempotency-Key", "once").status()).isEqualTo(200);

    Answer reused = post(till + "/ring", ring("99"), "Idempotency-Key", "once");

    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.code()).isEqualTo("invalid");
    assertThat(reused.message())
        .isEqualTo("idempotency key 'once' was already used for a different command");
    assertThat(total(till)).isEqualTo(10);
  }

  @Test
  void theOpenApiDocumentDescribesTheIdempotencyKeyAndItsExpiry() throws Exception {
    JsonNode paths = send("GET", "/openapi.json", null, null).body().path("paths");

    JsonNode ring = paths.path("/api/till/{id}/ring").path("post").path("parameters");
    JsonNode header = null;
    for (JsonNode p : ring) if (p.path("name").asText().equals("Idempotency-Key")) header = p;
    assertThat(header).as("the Idempotency-Key parameter of ring").isNotNull();
    assertThat(header.path("in").asText()).isEqualTo("header");
    assertThat(header.path("schema").path("maxLength").asInt()).isEqualTo(255);
    assertThat(header.path("description").asText())
        .contains(
            "within 24 h",
            "acta.entity-defaults.idempotency.window",
            "however many other keys",
            "in flight",
            "422");
    assertThat(paths.path("/api/till/{id}/label").path("post").path("parameters").toString())
        .doesNotContain("Idempotency-Key");
  }
}
