package io.acta.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.embedded.kafka.EmbeddedKafkaException;
import io.acta.embedded.kafka.internal.KafkaKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A child process (a shell's sleep, standing in for a server's JVM) from its start to its stop. */
@DisabledOnOs(OS.WINDOWS)
class ServerProcessTest {
  @TempDir Path dir;

  private ServerProcess server(Duration stopTimeout) {
    return new ServerProcess(
        KafkaKind.KIND, dir, stopTimeout, LoggerFactory.getLogger(ServerProcessTest.class));
  }

  /** A shell that says {@code ready} once it ignores SIGTERM (or not), then sleeps. */
  private static ProcessBuilder sleeper(boolean ignoreSigterm) {
    return new ProcessBuilder(
        "sh", "-c", (ignoreSigterm ? "trap '' TERM; " : "") + "echo ready; exec sleep 60");
  }

  private static void awaitReady(Process process) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("ready");
  }

  @Test
  void isNotStartedUntilLaunchedAndStopDoesNothingThen() {
    ServerProcess server = server(Duration.ofSeconds(5));
    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(server::checkStarted)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Kafka is not started (data directory " + dir + ")");
    assertThatThrownBy(server::ports).isInstanceOf(IllegalStateException.class);
    server.stop();
    server.cleanUp();
    assertThat(server.isRunning()).isFalse();
  }

  @Test
  void stopsWithSigtermAndReleasesTheLockAndThePorts() throws Exception {
    ServerProcess server = server(Duration.ofSeconds(10));
    server.lockDataDirectory();
    int port = server.choosePorts(new Ports.Request("port", 0)).port("port");
    Process process = server.launch(sleeper(false));
    awaitReady(process);
    assertThat(server.isRunning()).as("not ready yet").isFalse();
    server.markReady();
    assertThat(server.isRunning()).isTrue();
    assertThat(server.process()).isSameAs(process);
    assertThat(server.ports().port("port")).isEqualTo(port);

    // Another owner of the same directory or port fails while the server runs.
    assertThatThrownBy(() -> DataDirectoryLock.acquire(KafkaKind.KIND, dir))
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("already in use");
    assertThatThrownBy(
            () -> Ports.choose(KafkaKind.KIND, dir.resolve("x"), new Ports.Request("port", port)))
        .isInstanceOf(EmbeddedKafkaException.class);

    long t0 = System.nanoTime();
    server.stop();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(process.isAlive()).isFalse();
    assertThat(process.exitValue()).as("ended by SIGTERM").isEqualTo(128 + 15);
    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(server::checkStarted).isInstanceOf(IllegalStateException.class);

    DataDirectoryLock.acquire(KafkaKind.KIND, dir).close();
    Ports.release(Ports.choose(KafkaKind.KIND, dir.resolve("x"), new Ports.Request("port", port)));
  }

  @Test
  void killsAServerThatIgnoresSigtermAfterTheStopTimeout() throws Exception {
    ServerProcess server = server(Duration.ofMillis(300));
    server.lockDataDirectory();
    server.choosePorts(new Ports.Request("port", 0));
    Process process = server.launch(sleeper(true));
    awaitReady(process);
    server.markReady();

    long t0 = System.nanoTime();
    server.stop();
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(process.isAlive()).isFalse();
    assertThat(process.exitValue()).as("killed").isEqualTo(128 + 9);
    assertThat(server.isRunning()).isFalse();
  }

  @Test
  void cleaningUpAfterAFailedStartKillsTheProcessAndReleasesEverything() throws Exception {
    ServerProcess server = server(Duration.ofSeconds(10));
    server.lockDataDirectory();
    int port = server.choosePorts(new Ports.Request("port", 0)).port("port");
    Process process = server.launch(sleeper(true));

    server.cleanUp();
    assertThat(process.isAlive()).isFalse();
    assertThatThrownBy(server::checkStarted).isInstanceOf(IllegalStateException.class);
    DataDirectoryLock.acquire(KafkaKind.KIND, dir).close();
    Ports.release(Ports.choose(KafkaKind.KIND, dir.resolve("x"), new Ports.Request("port", port)));
  }

  @Test
  void refusesANegativeOwnerGrace() {
    ServerProcess server = server(Duration.ofSeconds(5));
    server.stopAtJvmExitAfter(Duration.ZERO);
    server.stopAtJvmExitAfter(Duration.ofSeconds(30));
    assertThatThrownBy(() -> server.stopAtJvmExitAfter(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("grace must not be negative");
  }
}
