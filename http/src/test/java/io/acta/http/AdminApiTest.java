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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operations console's API over real loopback HTTP on an in-memory node: what it tells about
 * the cluster, and how it refuses what it cannot do, in the API's one error shape. (The page in a
 * browser, views, skips and rebuilds against Cassandra: OperationsIT in the tests module.)
 */
class AdminApiTest {
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final ObjectMapper json = new ObjectMapper();
  private static ActaNode node;
  private static String base;

  @BeforeAll
  static void start() {
    node =
        ActaNode.builder("admin-api")
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

  private record Answer(int status, String contentType, String text) {
    JsonNode body() throws Exception {
      return json.readTree(text);
    }

    String message() throws Exception {
      return body().path("error").path("message").asText();
    }
  }

  private static Answer send(String method, String path, String contentType, String body)
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
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  @Test
  void thePageAndItsAssetsAreServedFromTheJar() throws Exception {
    Answer page = send("GET", "/admin", null, null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.text()).contains("Acta console").contains("/admin/console.js");
    assertThat(send("GET", "/admin/console.js", null, null).contentType())
        .startsWith("text/javascript");
    assertThat(send("GET", "/admin/console.css", null, null).status()).isEqualTo(200);
  }

  @Test
  void theClusterShowsItsMembersAndWhereShardsAre() throws Exception {
    Answer rung =
        send(
            "POST",
            "/api/till/t-admin/ring",
            "application/json",
            "{\"amount\":{\"cents\":5,\"currency\":\"EUR\"}}");
    assertThat(rung.status()).isEqualTo(200);
    JsonNode cluster = send("GET", "/admin/api/cluster", null, null).body();
    assertThat(cluster.path("members")).hasSize(1);
    JsonNode self = cluster.path("members").get(0);
    assertThat(self.path("address").asText()).isEqualTo(cluster.path("self").asText());
    assertThat(self.path("status").asText()).isEqualTo("Up");
    assertThat(self.path("reachable").asBoolean()).isTrue();
    JsonNode region = cluster.path("shards").path("till").path(cluster.path("self").asText());
    assertThat(region.path("shards").asInt()).isPositive();
    assertThat(region.path("entities").asInt()).isPositive();
  }

  @Test
  void commandRatesCountWhatTheNodeHandled() throws Exception {
    long before = handled();
    send(
        "POST",
        "/api/till/t-rates/ring",
        "application/json",
        "{\"amount\":{\"cents\":5,\"currency\":\"EUR\"}}");
    assertThat(handled()).isEqualTo(before + 1);
  }

  private static long handled() throws Exception {
    long sum = 0;
    for (JsonNode n : send("GET", "/admin/api/rates", null, null).body().path("commands"))
      sum += n.asLong();
    return sum;
  }

  @Test
  void withoutViewsTheProjectionsAreUnavailableNotAnError() throws Exception {
    Answer a = send("GET", "/admin/api/projections", null, null);
    assertThat(a.status()).isEqualTo(503);
    assertThat(a.message()).isEqualTo("this node runs no views, reactions or feeds");
  }

  @Test
  void theInMemoryStoreHasNoLiveTail() throws Exception {
    Answer a = send("GET", "/admin/api/events?type=till", null, null);
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.message()).isEqualTo("this node's store cannot tail its journal");
  }

  @Test
  void actionsTakeJsonOnlyAndSayWhatIsWrong() throws Exception {
    Answer form =
        send("POST", "/admin/api/views/balances/skip", "application/x-www-form-urlencoded", "a=b");
    assertThat(form.status()).isEqualTo(415);
    Answer formRebuild =
        send(
            "POST",
            "/admin/api/views/balances/rebuild",
            "application/x-www-form-urlencoded",
            "a=b");
    assertThat(formRebuild.status()).isEqualTo(415);
    Answer notJson = send("POST", "/admin/api/views/balances/skip", "application/json", "{");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.message()).isEqualTo("the body is not valid JSON");
    Answer noId =
        send("POST", "/admin/api/views/balances/skip", "application/json", "{\"sequenceNr\":3}");
    assertThat(noId.status()).isEqualTo(400);
    assertThat(noId.message()).isEqualTo("'persistenceId' is required (text)");
    Answer dance =
        send("POST", "/admin/api/processes/transfer/t-1/dance", "application/json", "{}");
    assertThat(dance.status()).isEqualTo(404);
    assertThat(dance.message()).contains("retried or abandoned");
  }

  @Test
  void theApiIsDescribedInOpenApi() throws Exception {
    JsonNode paths = send("GET", "/openapi.json", null, null).body().path("paths");
    assertThat(paths.has("/admin/api/cluster")).isTrue();
    assertThat(paths.path("/admin/api/{kind}/{name}/skip").has("post")).isTrue();
    assertThat(
            paths.path("/admin/api/views/{name}/rebuild").path("post").path("tags").get(0).asText())
        .isEqualTo("admin");
  }
}
