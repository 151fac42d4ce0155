package io.acta.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the parent-kill ITs of both servers share: a parent JVM that starts a server and is then
 * killed with SIGKILL, so that no shutdown hook and no finally block runs in it, and the server
 * must notice (its standard input closes) and exit by itself.
 */
public final class ParentKill {
  private static final Pattern READY = Pattern.compile("READY pid=(\\d+) port=(\\d+)");

  private ParentKill() {}

  /**
   * Runs {@code parentMain} in a JVM of this test class path with {@code dataDir} as its argument,
   * waits for it to print {@code READY pid=<server pid> port=<port>}, kills it with SIGKILL and
   * asserts that the server exits within 60 s.
   *
   * @param server the server in messages, e.g. {@code "Kafka broker"}
   */
  public static void assertServerExitsWhenItsParentIsKilled(
      Class<?> parentMain, Path dataDir, String server) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
    String repo = System.getProperty("maven.repo.local");
    if (repo != null) command.add("-Dmaven.repo.local=" + repo);
    command.add(parentMain.getName());
    command.add(dataDir.toString());
    Process parent = new ProcessBuilder(command).redirectErrorStream(true).start();

    StringBuffer output = new StringBuffer();
    CompletableFuture<Matcher> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  output.append(line).append('\n');
                  Matcher m = READY.matcher(line);
                  if (m.find()) ready.complete(m);
                }
              } catch (Exception e) {
                // the parent was killed
              }
              ready.completeExceptionally(
                  new IllegalStateException("the parent JVM ended without READY"));
            },
            "parent-output");
    reader.setDaemon(true);
    reader.start();

    ProcessHandle child = null;
    try {
      Matcher m;
      try {
        m = ready.get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        fail("The parent JVM did not report READY: " + e + "\n--- its output ---\n" + output);
        return;
      }
      long childPid = Long.parseLong(m.group(1));
      child =
          ProcessHandle.of(childPid)
              .orElseThrow(() -> new AssertionError("no process " + childPid + "\n" + output));
      assertThat(child.isAlive()).isTrue();
      assertThat(child.parent().map(ProcessHandle::pid)).hasValue(parent.pid());

      Process kill =
          new ProcessBuilder("kill", "-9", Long.toString(parent.pid())).inheritIO().start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(parent.waitFor(10, TimeUnit.SECONDS)).as("parent killed").isTrue();
      assertThat(parent.exitValue()).isEqualTo(128 + 9);

      long t0 = System.nanoTime();
      try {
        child.onExit().get(60, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        fail(
            "The "
                + server
                + " (pid "
                + childPid
                + ") still runs 60 s after its parent was killed");
      }
      assertThat(child.isAlive()).isFalse();
      System.out.printf(
          "%s exited %.1f s after its parent was killed%n", server, (System.nanoTime() - t0) / 1e9);
    } finally {
      parent.destroyForcibly();
      if (child != null && child.isAlive()) child.destroyForcibly();
    }
  }
}
