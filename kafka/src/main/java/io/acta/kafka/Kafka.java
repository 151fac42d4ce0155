package io.acta.kafka;

import io.acta.api.topic.Publication;
import io.acta.api.topic.Subscription;
import io.acta.config.SettingsTable;
import io.acta.kafka.internal.KafkaRuntime;
import io.acta.kafka.internal.KafkaSettings;
import io.acta.runtime.ActaNode;
import io.acta.runtime.NodeExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kafka for a node: its entities' events published to topics, and topics' messages turned into
 * commands, effectively exactly once. Publications run as feeds of the node's {@code Projections}
 * (at least once from the journal, offsets kept like a view's: no dual write); subscriptions as
 * consumer streams that commit only what their entities acknowledged.
 *
 * <pre>{@code
 * ActaNode.builder("ledger").entity(Account.TYPE)
 *     .with(Projections.of(LedgerViews.BALANCES))
 *     .with(Kafka.of().publish(LedgerTopics.ACCOUNT_EVENTS).subscribe(LedgerTopics.PAYMENTS))
 *     .start();
 * }</pre>
 *
 * <p>Settings under {@code acta.kafka} ({@link #SETTINGS}): the brokers, security, and {@code
 * embedded = on} for dev mode's own broker. Built on Apache Pekko Connectors Kafka.
 */
public final class Kafka implements NodeExtension {
  /** Every setting, under {@code acta.kafka}. */
  public static final SettingsTable SETTINGS = KafkaSettings.TABLE;

  private final List<Publication<?, ?>> publications = new ArrayList<>();
  private final List<Subscription<?>> subscriptions = new ArrayList<>();
  private volatile Optional<KafkaRuntime> running = Optional.empty();

  private Kafka() {}

  /** Kafka with nothing published or consumed yet. */
  public static Kafka of() {
    return new Kafka();
  }

  /** Also publishing these. */
  public Kafka publish(Publication<?, ?>... more) {
    for (Publication<?, ?> p : more) {
      if (publications.stream().anyMatch(q -> q.name().equals(p.name())))
        throw new IllegalArgumentException("publication '" + p.name() + "' is registered twice");
      publications.add(p);
    }
    return this;
  }

  /** Also consuming these. */
  public Kafka subscribe(Subscription<?>... more) {
    for (Subscription<?> s : more) {
      if (subscriptions.stream().anyMatch(q -> q.name().equals(s.name())))
        throw new IllegalArgumentException("subscription '" + s.name() + "' is registered twice");
      subscriptions.add(s);
    }
    return this;
  }

  /** The brokers the node talks to, once started; empty when Kafka is off. */
  public Optional<String> bootstrapServers() {
    return running.map(KafkaRuntime::bootstrapServers);
  }

  @Override
  public void start(ActaNode node) {
    running = KafkaRuntime.start(node, List.copyOf(publications), List.copyOf(subscriptions));
  }

  /** Stops consuming before the node leaves: the batches in hand finish and are committed. */
  @Override
  public void stopServing() {
    running.ifPresent(KafkaRuntime::stopConsuming);
  }

  @Override
  public void close() {
    running.ifPresent(KafkaRuntime::close);
  }
}
