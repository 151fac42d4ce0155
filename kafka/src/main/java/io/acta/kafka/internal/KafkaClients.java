package io.acta.kafka.internal;

import io.acta.config.SettingValues;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.kafka.ConsumerSettings;
import org.apache.pekko.kafka.ProducerSettings;

/**
 * The producer and consumer settings of one node: Pekko Connectors Kafka's own ({@code
 * pekko.kafka.producer} and {@code pekko.kafka.consumer}, where any other client property goes),
 * with Acta's connection settings on top.
 */
final class KafkaClients {
  private final ActorSystem<?> system;
  private final Map<String, String> connection;

  KafkaClients(ActorSystem<?> system, SettingValues settings, String bootstrapServers) {
    this.system = system;
    Map<String, String> c = new LinkedHashMap<>();
    c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
        settings.get(KafkaSettings.SECURITY_PROTOCOL));
    putIfSet(c, SaslConfigs.SASL_MECHANISM, settings.get(KafkaSettings.SASL_MECHANISM));
    putIfSet(c, SaslConfigs.SASL_JAAS_CONFIG, settings.get(KafkaSettings.SASL_JAAS_CONFIG));
    putIfSet(
        c, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, settings.get(KafkaSettings.SSL_TRUSTSTORE));
    putIfSet(
        c,
        SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG,
        settings.get(KafkaSettings.SSL_TRUSTSTORE_PASSWORD));
    this.connection = Map.copyOf(c);
  }

  private static void putIfSet(Map<String, String> to, String key, String value) {
    if (!value.isBlank()) to.put(key, value);
  }

  /**
   * The producer of publications and dead letters: idempotent with every in-sync replica's
   * acknowledgement, so that a retried send neither duplicates nor reorders within a partition.
   */
  ProducerSettings<String, byte[]> producer() {
    var settings =
        ProducerSettings.create(system, new StringSerializer(), new ByteArraySerializer())
            .withProperties(connection)
            .withProperty(ProducerConfig.ACKS_CONFIG, "all")
            .withProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
            .withProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    return settings;
  }

  /**
   * The consumer of subscription {@code group}: offsets committed by the subscription only, after
   * the entities answered; a new group starts at the beginning of the topic.
   */
  ConsumerSettings<String, byte[]> consumer(String group) {
    return ConsumerSettings.create(system, new StringDeserializer(), new ByteArrayDeserializer())
        .withProperties(connection)
        .withGroupId(group)
        // The subscription drains its stream itself before it shuts the consumer down (see
        // TopicSubscriber.stop): no need for the stage to linger for commits after it ends.
        .withStopTimeout(Duration.ZERO)
        .withProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
        .withProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
  }
}
