package io.acta.tests.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * A real headless Chromium (Debian's package, which the test command installs when missing), driven
 * through the Chrome DevTools Protocol: pages are opened by URL and JavaScript is evaluated in
 * them, over the JDK's own WebSocket client.
 */
final class Chromium implements AutoCloseable {
  private static final ObjectMapper json = new ObjectMapper();
  private static final Duration START = Duration.ofSeconds(60);

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private Chromium(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the browser with a fresh profile in {@code profile}. */
  static Chromium start(Path profile) throws IOException {
    Process p =
        new ProcessBuilder(
                executable(),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolveSibling("chromium.log").toFile())
            .start();
    // Chromium writes the port it chose into the profile once it listens.
    Path active = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + START.toNanos();
    while (!Files.exists(active) || Files.readAllLines(active).isEmpty()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "Chromium did not start (see " + profile.resolveSibling("chromium.log") + ")");
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    return new Chromium(p, Integer.parseInt(Files.readAllLines(active).getFirst().trim()));
  }

  private static String executable() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) return candidate.toString();
      }
    }
    throw new IllegalStateException(
        "no Chromium on the PATH: tests/scripts/ensure-package.sh installs Debian's package");
  }

  /** Opens a tab at {@code url}. */
  Page open(String url) throws IOException, InterruptedException {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/json/new?"
                            + URLEncoder.encode(url, StandardCharsets.UTF_8)))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String socket = json.readTree(created.body()).path("webSocketDebuggerUrl").asText();
    Page page = new Page();
    http.newWebSocketBuilder().buildAsync(URI.create(socket), page).join();
    return page;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** One tab: JavaScript evaluated in it. */
  static final class Page implements WebSocket.Listener {
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    @Override
    public void onOpen(WebSocket webSocket) {
      socket = webSocket;
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = json.readTree(partial.toString());
          CompletableFuture<JsonNode> waiting = pending.remove(message.path("id").asInt(-1));
          if (waiting != null) waiting.complete(message);
        } catch (IOException e) {
          // Not a reply of ours.
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    /** The value of {@code expression} in the page, as text. */
    String evaluate(String expression) {
      ObjectNode params = json.createObjectNode();
      params.put("expression", expression).put("returnByValue", true);
      return call("Runtime.evaluate", params).path("result").path("value").asText();
    }

    /** Calls a DevTools Protocol method of this tab; its result. */
    JsonNode call(String method, ObjectNode params) {
      int id = ids.incrementAndGet();
      CompletableFuture<JsonNode> reply = new CompletableFuture<>();
      pending.put(id, reply);
      ObjectNode call = json.createObjectNode().put("id", id).put("method", method);
      call.set("params", params);
      socket.sendText(call.toString(), true).join();
      JsonNode answer = reply.orTimeout(10, TimeUnit.SECONDS).join();
      if (answer.has("error"))
        throw new IllegalStateException(method + " failed: " + answer.path("error"));
      return answer.path("result");
    }

    /** Lays the page out as a {@code width} x {@code height} window would show it. */
    void viewport(int width, int height) {
      ObjectNode params = json.createObjectNode();
      params
          .put("width", width)
          .put("height", height)
          .put("deviceScaleFactor", 1)
          .put("mobile", false);
      call("Emulation.setDeviceMetricsOverride", params);
    }

    /** Writes what the page shows, the whole page's height, to {@code file} as PNG. */
    void screenshot(Path file) throws IOException {
      ObjectNode params = json.createObjectNode();
      params.put("format", "png").put("captureBeyondViewport", true);
      String data = call("Page.captureScreenshot", params).path("data").asText();
      Files.createDirectories(file.getParent());
      Files.write(file, Base64.getDecoder().decode(data));
    }

    /** Waits until {@code expression} gives a text in which {@code pattern} finds a match. */
    String awaitMatch(String expression, Pattern pattern, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      String value = evaluate(expression);
      while (!pattern.matcher(value).find()) {
        if (System.nanoTime() > deadline)
          throw new AssertionError(
              "not within " + timeout + ": /" + pattern + "/ in the page, which shows: " + value);
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        value = evaluate(expression);
      }
      return value;
    }

    /** Waits until {@code expression} gives a text containing {@code expected}; returns it. */
    String await(String expression, String expected, Duration timeout) {
      return awaitMatch(expression, Pattern.compile(Pattern.quote(expected)), timeout);
    }
  }
}
