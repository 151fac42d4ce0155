package io.acta.embedded.kafka;

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

/** The broker must not outlive a parent JVM killed with SIGKILL (no shutdown hook runs then). */
class KafkaParentKillIT {
  private static final Pattern READY = Pattern.compile("READY pid=(\\d+) port=(\\d+)");

  @Test
  void brokerExitsWhenItsParentIsKilled() throws Exception {
    Path dir = EmbeddedKafkaIT.freshDirectory("parent-kill");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
    String repo = System.getProperty("maven.repo.local");
    if (repo != null) command.add("-Dmaven.repo.local=" + repo);
    command.add(KillableKafkaParentMain.class.getName());
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

    ProcessHandle broker = null;
    try {
      Matcher m;
      try {
        m = ready.get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        fail("The parent JVM did not report READY: " + e + "\n--- its output ---\n" + output);
        return;
      }
      long brokerPid = Long.parseLong(m.group(1));
      broker =
          ProcessHandle.of(brokerPid)
              .orElseThrow(() -> new AssertionError("no process " + brokerPid + "\n" + output));
      assertThat(broker.parent().map(ProcessHandle::pid)).hasValue(parent.pid());

      // kill -9 the parent: no shutdown hook, no finally block runs in it.
      Process kill =
          new ProcessBuilder("kill", "-9", Long.toString(parent.pid())).inheritIO().start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(parent.waitFor(10, TimeUnit.SECONDS)).as("parent killed").isTrue();

      long t0 = System.nanoTime();
      try {
        broker.onExit().get(60, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        fail(
            "The Kafka broker (pid " + brokerPid + ") still runs 60 s after its parent was killed");
      }
      assertThat(broker.isAlive()).isFalse();
      System.out.printf(
          "broker exited %.1f s after its parent was killed%n", (System.nanoTime() - t0) / 1e9);
      assertThat(dir.resolve("logs/kafka.log"))
          .content()
          .contains("the parent process is gone (stdin closed); shutting Kafka down");
    } finally {
      parent.destroyForcibly();
      if (broker != null && broker.isAlive()) broker.destroyForcibly();
    }
  }
}
