package io.acta.kafka.internal;

import io.acta.api.topic.Publication;
import io.acta.api.topic.Subscription;
import io.acta.config.SettingValues;
import io.acta.config.SettingsReader;
import io.acta.runtime.ActaNode;
import io.acta.runtime.EventFeed;
import io.acta.runtime.NodeRole;
import io.acta.runtime.Projections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node runs for Kafka: the producer its publications and dead letters share, the feeds of
 * its publications (run by {@link Projections}, like reactions), and a consumer stream per
 * subscription on nodes with the projections role.
 */
public final class KafkaRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaRuntime.class);

  private final String bootstrapServers;
  private final Optional<DevKafka.Broker> broker;
  private final Producer<String, byte[]> producer;
  private final ExecutorService sender;
  private final List<TopicSubscriber<?>> subscribers = new ArrayList<>();

  private KafkaRuntime(
      String bootstrapServers,
      Optional<DevKafka.Broker> broker,
      Producer<String, byte[]> producer,
      ExecutorService sender) {
    this.bootstrapServers = bootstrapServers;
    this.broker = broker;
    this.producer = producer;
    this.sender = sender;
  }

  /**
   * Starts publishing and consuming on {@code node}; empty when {@code acta.kafka.enabled} is off.
   */
  public static Optional<KafkaRuntime> start(
      ActaNode node, List<Publication<?, ?>> publications, List<Subscription<?>> subscriptions) {
    SettingValues settings = SettingsReader.read(node.config(), KafkaSettings.TABLE);
    if (!settings.get(KafkaSettings.ENABLED)) {
      log.info("Kafka is off (acta.kafka.enabled): nothing published or consumed");
      return Optional.empty();
    }
    Optional<DevKafka.Broker> broker =
        settings.get(KafkaSettings.EMBEDDED)
            ? Optional.of(DevKafka.start(node.config()))
            : Optional.empty();
    String servers =
        broker
            .map(DevKafka.Broker::bootstrapServers)
            .orElse(settings.get(KafkaSettings.BOOTSTRAP_SERVERS));
    if (servers.isBlank()) {
      broker.ifPresent(DevKafka.Broker::close);
      throw new IllegalStateException(
          "Kafka needs brokers: set acta.kafka.bootstrap-servers (host:port,...), or"
              + " acta.kafka.embedded = on in dev mode, or acta.kafka.enabled = off");
    }
    KafkaClients clients = new KafkaClients(node.actorSystem(), settings, servers);
    Producer<String, byte[]> producer = clients.producer().createKafkaProducer();
    ExecutorService sender =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("acta-kafka-sender").daemon().factory());
    KafkaRuntime runtime = new KafkaRuntime(servers, broker, producer, sender);
    try {
      runtime.publish(node, publications);
      runtime.subscribe(node, settings, clients, subscriptions);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    return Optional.of(runtime);
  }

  private void publish(ActaNode node, List<Publication<?, ?>> publications) {
    if (publications.isEmpty()) return;
    Projections projections;
    try {
      projections = node.extension(Projections.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "Kafka publications run as projections: add Projections to the node"
              + " (.with(Projections.of(...)))",
          e);
    }
    for (Publication<?, ?> p : publications) projections.withFeeds(feedOf(p, node));
    log.info(
        "Publishing {} to Kafka at {}",
        publications.stream().map(p -> p.name() + " -> " + p.topic()).toList(),
        bootstrapServers);
  }

  private <E, M> EventFeed<E> feedOf(Publication<E, M> p, ActaNode node) {
    return EventFeed.of(
        p.name(), p.source(), new TopicPublisher<>(p, producer, sender, node.meters()));
  }

  private void subscribe(
      ActaNode node,
      SettingValues settings,
      KafkaClients clients,
      List<Subscription<?>> subscriptions) {
    if (subscriptions.isEmpty()) return;
    if (!node.hasRole(NodeRole.PROJECTIONS)) {
      log.info("Subscriptions run on nodes with the projections role: none here");
      return;
    }
    String prefix = settings.get(KafkaSettings.GROUP_ID_PREFIX);
    if (prefix.isEmpty()) prefix = node.actorSystem().name() + ".";
    var limits =
        new TopicSubscriber.Limits(
            settings.get(KafkaSettings.BATCH_MAX_MESSAGES),
            settings.get(KafkaSettings.BATCH_WITHIN),
            settings.get(KafkaSettings.COMMAND_RETRIES),
            settings.get(KafkaSettings.COMMAND_RETRY_DELAY),
            settings.get(KafkaSettings.RESTART_BACKOFF_MIN),
            settings.get(KafkaSettings.RESTART_BACKOFF_MAX));
    for (Subscription<?> s : subscriptions) {
      String group = prefix + s.name();
      var subscriber =
          new TopicSubscriber<>(
              s,
              node,
              producer,
              s.topic() + settings.get(KafkaSettings.DEAD_LETTER_SUFFIX),
              limits);
      subscribers.add(subscriber);
      subscriber.start(clients.consumer(group), group);
    }
  }

  /** The brokers this node talks to. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops consuming: the batches in hand finish and are committed. */
  public void stopConsuming() {
    // Within Pekko's service-unbind phase (5 s by default), where the node stops taking work.
    subscribers.forEach(s -> s.stop(Duration.ofSeconds(2)));
  }

  @Override
  public void close() {
    stopConsuming();
    sender.shutdown();
    producer.close(Duration.ofSeconds(10));
    broker.ifPresent(DevKafka.Broker::close);
  }
}
