package io.acta.bench.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, the HTTP load generator, run as a process of its own: the server's JVM shares nothing with
 * the client but the machine's cores. Installed from Debian when missing, as {@code
 * ../shared/tools/service-load} does.
 */
public final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private Wrk() {}

  /**
   * What one run measured.
   *
   * @param requests requests completed
   * @param perSecond requests per second
   * @param p50Millis median latency
   * @param p99Millis 99th percentile latency
   * @param failed responses other than 2xx/3xx, plus socket errors
   */
  public record Result(
      long requests, double perSecond, double p50Millis, double p99Millis, long failed) {}

  /** Makes sure wrk is on the path, installing the Debian package when it is not. */
  public static void ensureInstalled() throws IOException, InterruptedException {
    if (run(List.of("sh", "-c", "command -v wrk"), Duration.ofSeconds(10)) == 0) return;
    int rc =
        run(
            List.of("sh", "-c", "apt-get update -qq && apt-get install -y -qq wrk"),
            Duration.ofMinutes(5));
    if (rc != 0)
      throw new IllegalStateException("wrk is not installed and apt-get failed (" + rc + ")");
  }

  /**
   * Runs wrk against {@code url} with the Lua {@code script} for {@code duration}, on {@code
   * connections} connections and two threads.
   */
  public static Result run(String url, String script, Duration duration, int connections)
      throws IOException, InterruptedException {
    Path lua = Files.createTempFile("acta-bench-", ".lua");
    Path out = Files.createTempFile("acta-bench-wrk-", ".txt");
    try {
      Files.writeString(lua, script, StandardCharsets.UTF_8);
      Process p =
          new ProcessBuilder(
                  "wrk",
                  "-t2",
                  "-c" + connections,
                  "-d" + duration.toSeconds() + "s",
                  "--latency",
                  "-s",
                  lua.toString(),
                  url)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("wrk did not finish");
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) throw new IllegalStateException("wrk failed:\n" + text);
      return parse(text);
    } finally {
      Files.deleteIfExists(lua);
      Files.deleteIfExists(out);
    }
  }

  static Result parse(String text) {
    long failed = 0;
    Matcher non2xx = NON_2XX.matcher(text);
    if (non2xx.find()) failed += Long.parseLong(non2xx.group(1));
    Matcher errors = ERRORS.matcher(text);
    if (errors.find()) {
      for (int i = 1; i <= 4; i++) failed += Long.parseLong(errors.group(i));
    }
    return new Result(
        Long.parseLong(find(TOTAL, text)),
        Double.parseDouble(find(RATE, text)),
        percentile(text, "50%"),
        percentile(text, "99%"),
        failed);
  }

  private static String find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) throw new IllegalStateException("wrk's output lacks " + p + ":\n" + text);
    return m.group(1);
  }

  /** A latency of wrk's distribution ("50% 12.34ms") in milliseconds. */
  private static double percentile(String text, String label) {
    Matcher m =
        Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)\\b").matcher(text);
    if (!m.find()) throw new IllegalStateException("wrk's output lacks " + label + ":\n" + text);
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "us" -> v / 1000;
      case "s" -> v * 1000;
      default -> v;
    };
  }

  private static int run(List<String> command, Duration limit)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
