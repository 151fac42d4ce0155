package io.acta.tests.kafka;

import io.acta.embedded.kafka.EmbeddedKafka;
import io.acta.tests.cassandra.SharedCassandra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one real Kafka broker that every integration test of a run shares (KRaft, in a child JVM),
 * started on first use in a fresh directory under target/ and stopped when the test JVM exits. Its
 * clients here are Kafka's own, not Acta's: what a system outside the ledger would use.
 */
public final class SharedKafka {
  private static EmbeddedKafka broker;

  private SharedKafka() {}

  /** The running shared broker. */
  public static synchronized EmbeddedKafka get() {
    if (broker == null) {
      Path dir = Path.of("target", "kafka-it").toAbsolutePath();
      SharedCassandra.deleteRecursively(dir);
      broker = EmbeddedKafka.builder().dataDirectory(dir).start();
    }
    return broker;
  }

  /** {@code host:port} of the shared broker. */
  public static String bootstrapServers() {
    return get().bootstrapServers();
  }

  /** A plain producer of text keys and byte values, acknowledged by the broker. */
  public static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /**
   * Reads {@code topic} from its beginning, in a group of its own, until {@code enough} holds for
   * what was read or {@code timeout} passes; returns everything read, in each partition's order.
   */
  public static List<ConsumerRecord<String, byte[]>> readUntil(
      String topic, Duration timeout, Predicate<List<ConsumerRecord<String, byte[]>>> enough) {
    List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!enough.test(all) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(all::add);
      }
    }
    return all;
  }

  /** A header's value as text, or null. */
  public static String header(ConsumerRecord<String, byte[]> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
