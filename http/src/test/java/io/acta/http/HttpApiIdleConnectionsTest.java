package io.acta.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.acta.runtime.ActaNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's idle timeout ({@code pekko.http.server.idle-timeout}, here 1 s), kept by one sweep
 * over all connections: over real loopback sockets, a connection that sends nothing and one left
 * idle after its answer are closed by the server, while a streamed response that keeps sending
 * stays open for several times the timeout.
 */
class HttpApiIdleConnectionsTest {
  private static final int CHUNKS = 12;
  private static ActaNode node;
  private static int port;

  @BeforeAll
  static void start() {
    node =
        ActaNode.builder("http-idle")
            .entity(Till.TYPE)
            .with(
                HttpApi.builder()
                    .host("127.0.0.1")
                    .port(0)
                    // A chunk every 250 ms for 3 s: three times the idle timeout in all.
                    .route(
                        path(
                            "ticks",
                            () ->
                                complete(
                                    HttpResponse.create()
                                        .withEntity(
                                            HttpEntities.createChunked(
                                                ContentTypes.TEXT_PLAIN_UTF8,
                                                Source.tick(
                                                        Duration.ZERO,
                                                        Duration.ofMillis(250),
                                                        ByteString.fromString("tick\n"))
                                                    .take(CHUNKS))))))
                    .build())
            .store("in-memory")
            .config("acta.http.management = off\npekko.http.server.idle-timeout = 1s")
            .start();
    port = node.extension(HttpApi.class).boundAddress().getPort();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aConnectionThatSendsNothingIsClosedByTheServer() throws IOException {
    try (Socket socket = connect()) {
      assertThat(readUntilClosed(socket.getInputStream())).isEmpty();
    }
  }

  @Test
  void aStreamThatKeepsSendingOutlivesTheTimeoutThenItsIdleConnectionIsClosed() throws IOException {
    try (Socket socket = connect()) {
      socket
          .getOutputStream()
          .write(
              "GET /ticks HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String received = readUntilClosed(socket.getInputStream());
      assertThat(received).startsWith("HTTP/1.1 200 OK");
      assertThat(received.split("tick\n", -1)).hasSize(CHUNKS + 1);
      assertThat(received).endsWith("0\r\n\r\n"); // the whole chunked body, then closed as idle
    }
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    // Far beyond the idle timeout: a server that never closes fails the test instead of hanging it.
    socket.setSoTimeout(20_000);
    return socket;
  }

  /** Everything the server sends until it closes the connection. */
  private static String readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) out.write(buffer, 0, n);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept an idle connection open for 20 s", e);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }
}
