package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a view row's updates stream (Server-Sent Events) on a thread of its own, until closed. */
public final class SseReader implements AutoCloseable {
  private static final ObjectMapper json = new ObjectMapper();

  /** One Server-Sent Event: its id, its data, and when it arrived ({@link System#nanoTime}). */
  public record Sse(long id, JsonNode data, long arrivedNanos) {}

  private final BlockingQueue<Sse> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final Stream<String> lines;

  /** Opens the stream at {@code url}, resuming after {@code lastEventId} unless it is null. */
  public SseReader(HttpClient http, URI url, String lastEventId) throws Exception {
    var request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream");
    if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
    HttpResponse<Stream<String>> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    lines = response.body();
    Thread reader = new Thread(this::read, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    // An event is its fields up to a blank line, in any order; a heartbeat carries no data.
    long[] id = {-1};
    String[] data = {null};
    try {
      lines.forEach(
          line -> {
            if (line.startsWith("id:")) id[0] = Long.parseLong(line.substring(3).trim());
            else if (line.startsWith("data:")) data[0] = line.substring(5).trim();
            else if (line.isEmpty()) {
              if (data[0] != null && !data[0].isEmpty()) {
                try {
                  events.add(new Sse(id[0], json.readTree(data[0]), System.nanoTime()));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
              id[0] = -1;
              data[0] = null;
            }
          });
      ended.complete(null);
    } catch (RuntimeException broken) {
      // the connection broke, or the test closed the stream
      ended.completeExceptionally(broken);
    }
  }

  /**
   * Completes when the stream ends: normally when the server ended its response properly,
   * exceptionally when the connection broke before the response's end (or the test closed it).
   */
  public CompletableFuture<Void> ended() {
    return ended;
  }

  /** The next event; fails when none comes within 30 s. */
  public Sse next() throws InterruptedException {
    Sse e = events.poll(30, TimeUnit.SECONDS);
    assertThat(e).as("an update within 30 s").isNotNull();
    return e;
  }

  @Override
  public void close() {
    lines.close();
  }
}
