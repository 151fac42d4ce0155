package io.acta.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogScannerTest {
  @TempDir Path dir;

  @Test
  void findsTheFirstErrorWithItsCausesButNotItsStackFrames() throws IOException {
    Path log =
        Files.writeString(
            dir.resolve("kafka.log"),
            """
            [2026-01-01 10:00:00,000] INFO starting (kafka.Kafka$)
            [2026-01-01 10:00:01,000] WARN slow (kafka.x)
            [2026-01-01 10:00:02,000] ERROR Unable to start acceptor for PLAINTEXT (kafka.network.DataPlaneAcceptor)
            org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9092: Address already in use.
            \tat kafka.network.Acceptor.openServerSocket(SocketServer.scala:1)
            \tat kafka.network.Acceptor.start(SocketServer.scala:2)
            Caused by: java.net.BindException: Address already in use
            \tat java.base/sun.nio.ch.Net.bind0(Native Method)
            \t... 12 more
            [2026-01-01 10:00:03,000] ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)
            [2026-01-01 10:00:04,000] INFO shut down (kafka.Kafka$)
            """);

    assertThat(LogScanner.firstError(log, 12))
        .isEqualTo(
            """
            [2026-01-01 10:00:02,000] ERROR Unable to start acceptor for PLAINTEXT (kafka.network.DataPlaneAcceptor)
            org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9092: Address already in use.
            Caused by: java.net.BindException: Address already in use\
            """);
    assertThat(LogScanner.firstError(log, 1))
        .startsWith("[2026-01-01 10:00:02,000] ERROR")
        .hasLineCount(1);
    assertThat(LogScanner.tail(log, 1)).contains("INFO shut down").doesNotContain("Exiting Kafka");
  }

  @Test
  void noErrorNoLog() throws IOException {
    Path log = Files.writeString(dir.resolve("ok.log"), "INFO  [main] fine\nWARN  [main] hmm\n");
    assertThat(LogScanner.firstError(log, 12)).isEmpty();
    assertThat(LogScanner.firstError(dir.resolve("missing.log"), 12)).isEmpty();
    assertThat(LogScanner.tail(dir.resolve("missing.log"), 5)).startsWith("(no server log at ");
  }

  @Test
  void findsAMarkerAcrossReads() throws IOException {
    Path log = dir.resolve("grow.log");
    LogScanner scanner = new LogScanner(log);
    assertThat(scanner.contains("Kafka Server started")).isFalse();
    Files.writeString(log, "[x] INFO [KafkaRaftServer nodeId=1] Kafka Ser");
    assertThat(scanner.contains("Kafka Server started")).isFalse();
    Files.writeString(log, "[x] INFO [KafkaRaftServer nodeId=1] Kafka Server started\n");
    assertThat(scanner.contains("Kafka Server started")).isTrue();
  }
}
