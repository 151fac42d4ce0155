package io.acta.embedded.cassandra;

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
import org.junit.jupiter.api.Test;

/** The server must not outlive a parent JVM killed with SIGKILL (no shutdown hook runs then). */
class ParentKillIT {
  private static final Pattern READY = Pattern.compile("READY pid=(\\d+) port=(\\d+)");

  @Test
  void serverExitsWhenItsParentIsKilled() throws Exception {
    Path dir = TestSupport.freshDirectory("parent-kill");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
    String repo = System.getProperty("maven.repo.local");
    if (repo != null) command.add("-Dmaven.repo.local=" + repo);
    command.add(KillableParentMain.class.getName());
    command.add(dir.toString());
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

    ProcessHandle server = null;
    try {
      Matcher m;
      try {
        m = ready.get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        fail("The parent JVM did not report READY: " + e + "\n--- its output ---\n" + output);
        return;
      }
      long serverPid = Long.parseLong(m.group(1));
      server =
          ProcessHandle.of(serverPid)
              .orElseThrow(() -> new AssertionError("no process " + serverPid + "\n" + output));
      assertThat(server.isAlive()).isTrue();
      assertThat(server.parent().map(ProcessHandle::pid)).hasValue(parent.pid());

      // kill -9 the parent: no shutdown hook, no finally block runs in it.
      Process kill =
          new ProcessBuilder("kill", "-9", Long.toString(parent.pid())).inheritIO().start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(parent.waitFor(10, TimeUnit.SECONDS)).as("parent killed").isTrue();
      assertThat(parent.exitValue()).isEqualTo(128 + 9);

      long t0 = System.nanoTime();
      try {
        server.onExit().get(60, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        fail(
            "The Cassandra server (pid "
                + serverPid
                + ") still runs 60 s after its parent was killed");
      }
      assertThat(server.isAlive()).isFalse();
      System.out.printf(
          "server exited %.1f s after its parent was killed%n", (System.nanoTime() - t0) / 1e9);
    } finally {
      parent.destroyForcibly();
      if (server != null && server.isAlive()) server.destroyForcibly();
    }
  }
}
