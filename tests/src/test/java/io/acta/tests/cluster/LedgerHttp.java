package io.acta.tests.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acta.examples.ledger.cluster.LocalNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's HTTP API as a client sees it: one request to one node, the answer as status and
 * JSON.
 */
final class LedgerHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Duration commandTimeout;

  /** A client that gives up on a command after 10 s, longer than a node's default ask timeout. */
  LedgerHttp() {
    this(Duration.ofSeconds(10));
  }

  /** A client that gives up on a command after {@code commandTimeout}. */
  LedgerHttp(Duration commandTimeout) {
    this.commandTimeout = commandTimeout;
  }

  /** A node's answer. */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status == 200;
    }
  }

  /**
   * POST {@code /api/account/{id}/{command}} with a JSON body and, when given, an idempotency key.
   */
  Answer command(LocalNode node, String account, String command, String body, String idempotencyKey)
      throws IOException, InterruptedException {
    return post(node, "/api/account/" + account + "/" + command, body, idempotencyKey);
  }

  /** POST {@code path} with a JSON body and, when given, an idempotency key. */
  Answer post(LocalNode node, String path, String body, String idempotencyKey)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(URI.create(node.httpUrl() + path))
            .timeout(commandTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) request.header("Idempotency-Key", idempotencyKey);
    return answer(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  /**
   * GET {@code url}; an I/O failure is unchecked here, since reads are only made of nodes that are
   * up.
   */
  Answer get(String url) {
    try {
      var request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
      return answer(client.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The account's events, oldest first, read page by page through the events endpoint (which leaves
   * the runtime's own records out).
   */
  List<JsonNode> events(LocalNode node, String account) {
    List<JsonNode> all = new ArrayList<>();
    long from = 1;
    while (true) {
      JsonNode page =
          get(node.httpUrl() + "/api/account/" + account + "/events?from=" + from + "&limit=1000")
              .body();
      if (page.isEmpty()) return all;
      for (JsonNode e : page) {
        all.add(e);
        from = e.path("sequenceNr").asLong() + 1;
      }
    }
  }

  /** GET {@code url} as text (the metrics' exposition format, say). */
  String text(String url) {
    try {
      var request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
      return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Answer answer(HttpResponse<String> response) throws IOException {
    String body = response.body();
    return new Answer(
        response.statusCode(),
        body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body));
  }
}
