package io.acta.bench.http;

import io.acta.bench.load.Batches;
import io.acta.bench.load.CommandTarget;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ledger's accounts through Acta's HTTP API over loopback: {@code POST /api/account/{id}/open},
 * then {@code POST /api/account/{id}/deposit} of 1 EUR per command, as an outside client sends
 * them.
 *
 * <p>The client is the JDK's {@link HttpClient} (asynchronous, HTTP/1.1 with pooled keep-alive
 * connections) rather than Pekko HTTP's: the server under test is Pekko HTTP on the node's actor
 * system, and a client on that same system and dispatcher would compete with it in ways a real,
 * separate client does not; the JDK client has its own small thread pool and needs no actor system.
 * HTTP/1.1 is asked for explicitly, so no request pays for an h2c upgrade attempt. Only loopback
 * addresses are used.
 */
public final class HttpTarget implements CommandTarget {
  private static final String DEPOSIT = "{\"amount\":{\"minorUnits\":1,\"currency\":\"EUR\"}}";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final String idPrefix;
  private final URI base;
  private final ExecutorService executor =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "bench-http-client");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient client;
  private HttpRequest[] deposits = new HttpRequest[0];

  /**
   * Accounts {@code idPrefix + i} at the API listening on {@code address}, which must be a loopback
   * address.
   */
  public HttpTarget(String name, InetSocketAddress address, String idPrefix) {
    if (!address.getAddress().isLoopbackAddress())
      throw new IllegalArgumentException("only loopback: " + address);
    this.name = name;
    this.idPrefix = idPrefix;
    this.base =
        URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(executor)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void prepare(int count) throws InterruptedException {
    // Requests are built once: building one is client work that a real client also does, but not
    // what is measured.
    deposits = new HttpRequest[count];
    for (int i = 0; i < count; i++)
      deposits[i] = post("/api/account/" + idPrefix + i + "/deposit", DEPOSIT);
    Batches.run(
        count,
        32,
        i ->
            send(
                post(
                    "/api/account/" + idPrefix + i + "/open",
                    "{\"owner\":\"owner-" + i + "\",\"currency\":\"EUR\"}")));
  }

  @Override
  public CompletionStage<?> send(int account) {
    return send(deposits[account]);
  }

  private CompletableFuture<String> send(HttpRequest request) {
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException(
                    request.uri().getPath()
                        + " answered "
                        + response.statusCode()
                        + ": "
                        + response.body());
              }
              return response.body();
            });
  }

  private HttpRequest post(String path, String json) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  @Override
  public void close() {
    client.shutdownNow();
    executor.shutdownNow();
  }
}
