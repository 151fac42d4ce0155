package io.acta.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One real broker shared by the tests of this class, on a fresh data directory under
 * target/embedded-kafka-it (kept after the run, for its log); the last test restarts it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedKafkaIT {
  private static final String TOPIC = "acta-it";

  private static Path dataDir;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    dataDir = freshDirectory("shared");
    kafka = EmbeddedKafka.builder().dataDirectory(dataDir).start();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) kafka.close();
  }

  @Test
  @Order(1)
  void servesClientsOnAFreePortAndSaysSoInItsLog() throws IOException {
    assertThat(kafka.isRunning()).isTrue();
    assertThat(kafka.port()).isPositive().isNotEqualTo(kafka.controllerPort());
    assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", kafka.port()), 2000);
      assertThat(s.isConnected()).isTrue();
    }
    assertThat(kafka.logFile()).startsWith(dataDir).exists();
    assertThat(Files.readString(kafka.logFile()))
        .contains("[KafkaRaftServer nodeId=1] Kafka Server started");
    assertThat(kafka.kafkaVersion()).startsWith("4.");
    assertThat(kafka.clusterId()).hasSize(22);
    assertThat(dataDir.resolve("cluster.id")).content().isEqualTo(kafka.clusterId() + "\n");
    assertThat(dataDir.resolve("kafka-logs/meta.properties"))
        .content()
        .contains("cluster.id=" + kafka.clusterId());
    assertThat(dataDir.resolve("conf/server.properties"))
        .content()
        .contains(
            "process.roles=broker,controller",
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + kafka.port(),
            "controller.quorum.voters=1@127.0.0.1:" + kafka.controllerPort(),
            "num.partitions=4",
            "auto.create.topics.enable=true");
    assertThat(ProcessHandle.of(kafka.pid()))
        .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
  }

  @Test
  @Order(2)
  void producesAndConsumesThroughARealClient() throws Exception {
    try (KafkaProducer<String, String> producer = producer()) {
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
      }
    }
    assertThat(consumeAll("it-first")).containsExactlyInAnyOrder("k0=v0", "k1=v1", "k2=v2");
    // Created by the broker on first use, with the partitions setting's count.
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      assertThat(
              admin
                  .describeTopics(List.of(TOPIC))
                  .allTopicNames()
                  .get(30, TimeUnit.SECONDS)
                  .get(TOPIC)
                  .partitions())
          .hasSize(4);
    }
  }

  @Test
  @Order(3)
  void refusesASecondBrokerOnTheSameDataDirectory() {
    EmbeddedKafka second = EmbeddedKafka.builder().dataDirectory(dataDir).build();
    assertThatThrownBy(second::start)
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("already in use")
        .hasMessageContaining(dataDir.toString());
    assertThat(second.isRunning()).isFalse();
    assertThat(kafka.isRunning()).isTrue();
  }

  @Test
  @Order(4)
  void restartsOnTheSameDataDirectoryWithItsClusterIdAndData() throws Exception {
    String clusterId = kafka.clusterId();
    int port = kafka.port();
    ProcessHandle first = ProcessHandle.of(kafka.pid()).orElseThrow();
    kafka.stop();
    assertThat(kafka.isRunning()).isFalse();
    first.onExit().get(5, TimeUnit.SECONDS);
    assertThat(first.isAlive()).isFalse();
    assertThatThrownBy(kafka::port).isInstanceOf(IllegalStateException.class);

    // A new instance, as after a restart of the application.
    kafka = EmbeddedKafka.builder().dataDirectory(dataDir).start();
    assertThat(kafka.clusterId()).isEqualTo(clusterId);
    assertThat(kafka.port()).as("the last port, still free").isEqualTo(port);
    assertThat(kafka.logFile()).content().contains("Kafka Server started");
    assertThat(dataDir.resolve("logs/kafka.log.1"))
        .content()
        .contains("Formatting metadata directory");
    assertThat(kafka.logFile()).content().doesNotContain("Formatting metadata directory");
    assertThat(consumeAll("it-after-restart")).containsExactlyInAnyOrder("k0=v0", "k1=v1", "k2=v2");
  }

  @Test
  @Order(5)
  void aBrokerThatCannotStartFailsWithTheTailOfItsLog() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      EmbeddedKafka broken =
          EmbeddedKafka.builder()
              .dataDirectory(freshDirectory("port-taken"))
              .port(taken.getLocalPort())
              .build();
      assertThatThrownBy(broken::start)
          .isInstanceOf(EmbeddedKafkaException.class)
          .hasMessageContaining("Kafka exited with code")
          .hasMessageContaining("First error in the log:")
          .hasMessageContaining("Address already in use")
          .hasMessageContaining("lines of " + broken.logFile());
      assertThat(broken.isRunning()).isFalse();
    }
  }

  private static KafkaProducer<String, String> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  /** Every record of {@link #TOPIC} as key=value, read by a new consumer group. */
  private static List<String> consumeAll(String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (seen.size() < 3 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          seen.add(r.key() + "=" + r.value());
        }
      }
    }
    return seen;
  }

  /** An empty directory under target/embedded-kafka-it. */
  static Path freshDirectory(String name) {
    Path dir = Path.of("target", "embedded-kafka-it", name).toAbsolutePath();
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
