package io.acta.bench.scenario;

import io.acta.api.topic.Publication;
import io.acta.api.topic.Subscription;
import io.acta.api.topic.TopicMessage;
import io.acta.bench.Progress;
import io.acta.bench.acta.BenchNodes;
import io.acta.bench.load.Batches;
import io.acta.bench.report.Measurement;
import io.acta.bench.report.Ratio;
import io.acta.embedded.kafka.EmbeddedKafka;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.AccountMessage;
import io.acta.examples.ledger.LedgerTopics;
import io.acta.examples.ledger.Money;
import io.acta.examples.ledger.PaymentReceived;
import io.acta.kafka.Kafka;
import io.acta.runtime.ActaNode;
import io.acta.runtime.EntityRef;
import io.acta.runtime.Projections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Issue 15: Kafka, both ways, against a real broker in a child JVM. Publishing: the journal holds
 * account events; a node publishes them to a topic from the journal (catching up, as after an
 * outage), against a plain {@code KafkaProducer} sending records of the same shape (key, JSON
 * value, four headers) with the same producer settings to the same broker. Consuming: payments on a
 * topic turned into deposits (a command per message, acknowledged before the commit), against a
 * plain {@code KafkaConsumer} reading the same messages.
 */
final class KafkaScenario implements Scenario {
  private static final int ACCOUNTS = 500;
  private static final int WRITE_WINDOW = 64;
  private static final int PARTITIONS = 4;
  private static final Duration LIMIT = Duration.ofMinutes(10);

  @Override
  public String id() {
    return "kafka";
  }

  @Override
  public String title() {
    return "Kafka: events published from the journal, messages consumed into commands";
  }

  @Override
  public List<String> issueScenarios() {
    return List.of("15");
  }

  @Override
  public boolean needsCassandra() {
    return true;
  }

  @Override
  public Findings run(BenchContext context) throws Exception {
    var progress = context.progress();
    var server = context.cassandra().server();
    int messages = context.options().kafkaMessages();
    String run = Long.toString(System.currentTimeMillis(), 36);
    // A keyspace of this run's own: the publication publishes every account event it holds.
    String keyspaces =
        "acta.persistence.cassandra { keyspace = bench_kafka_"
            + run
            + ", snapshot-keyspace = bench_kafka_"
            + run
            + "_snap }, acta.entity-defaults.ask-timeout = 60s, acta.kafka.enabled = off";
    Path dir = Path.of("target", "bench-kafka").toAbsolutePath();
    deleteRecursively(dir);
    Findings findings = new Findings();
    progress.step("starting a Kafka broker (KRaft) in a child JVM");
    try (EmbeddedKafka broker = EmbeddedKafka.builder().dataDirectory(dir).start();
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      String servers = broker.bootstrapServers();
      String rawTopic = "bench.raw-events-" + run;
      String actaTopic = "bench.acta-events-" + run;
      String payments = "bench.payments-" + run;
      admin
          .createTopics(
              Stream.of(rawTopic, actaTopic, payments)
                  .map(t -> new NewTopic(t, PARTITIONS, (short) 1))
                  .toList())
          .all()
          .get();

      // The journal: ACCOUNTS accounts opened, then deposits, `messages` events in all.
      progress.step(String.format(Locale.ROOT, "writing %,d events to the journal", messages));
      try (ActaNode writer =
          BenchNodes.cassandra(server.contactPoint(), server.localDatacenter(), keyspaces)) {
        List<EntityRef<AccountCommand<?>>> refs = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) refs.add(writer.entity(Account.TYPE, "kafka-" + i));
        Batches.run(ACCOUNTS, WRITE_WINDOW, i -> refs.get(i).ask(new Open("owner-" + i, "EUR")));
        Batches.run(
            messages - ACCOUNTS,
            WRITE_WINDOW,
            i -> refs.get(i % ACCOUNTS).ask(new Deposit(Money.of(1, "EUR"), null)));
      }

      // Raw: the same number of records of the same shape, one producer, as fast as it goes.
      progress.step("raw KafkaProducer: sending the same number of records");
      double rawSeconds = rawProduce(servers, rawTopic, messages);
      findings.add(rate("raw KafkaProducer", "publish", messages, rawSeconds));

      // Acta: a node started on the journal publishes every event, catching up.
      progress.step("Acta: a node publishing the journal's events to a topic");
      Publication<?, ?> publication =
          Publication.of(
              "bench-events",
              Account.TYPE,
              actaTopic,
              AccountMessage.class,
              LedgerTopics.ACCOUNT_EVENTS.mapper());
      double actaSeconds;
      ActaNode publisher =
          BenchNodes.cassandra(
              server.contactPoint(),
              server.localDatacenter(),
              keyspaces + ", acta.kafka { enabled = on, bootstrap-servers = \"" + servers + "\" }",
              Projections.of(),
              Kafka.of().publish(publication));
      try {
        long t0 = System.nanoTime();
        awaitCount(progress, "published", messages, () -> endOffsets(admin, actaTopic));
        actaSeconds = (System.nanoTime() - t0) / 1e9;
      } finally {
        publisher.close();
      }
      findings.add(rate("Acta publication", "publish", messages, actaSeconds));
      findings.add(
          new Ratio(
              "Acta events published/s ÷ raw KafkaProducer records/s",
              rawSeconds / actaSeconds,
              List.of(),
              "1 would be as fast as a producer that reads nothing and keeps no offsets"));

      // Consuming: payments to the same accounts, read raw, then deposited by Acta.
      progress.step(String.format(Locale.ROOT, "writing %,d payments to a topic", messages));
      producePayments(servers, payments, messages);
      progress.step("raw KafkaConsumer: reading them");
      double rawReadSeconds = rawConsume(servers, payments, messages);
      findings.add(rate("raw KafkaConsumer", "consume", messages, rawReadSeconds));
      progress.step("Acta: a subscription depositing them, one command each");
      Subscription<PaymentReceived> subscription =
          Subscription.of(
                  "bench-payments",
                  payments,
                  PaymentReceived.class,
                  LedgerTopics.PAYMENTS.toCommands())
              .withMessageId(m -> m.payload().paymentId());
      double consumeSeconds;
      ActaNode consumer =
          BenchNodes.cassandra(
              server.contactPoint(),
              server.localDatacenter(),
              keyspaces
                  + ", acta.kafka { enabled = on, bootstrap-servers = \""
                  + servers
                  + "\", group-id-prefix = \"bench-"
                  + run
                  + ".\" }",
              Kafka.of().subscribe(subscription));
      try {
        long t0 = System.nanoTime();
        awaitCount(
            progress,
            "consumed",
            messages,
            () -> committed(admin, "bench-" + run + ".bench-payments"));
        consumeSeconds = (System.nanoTime() - t0) / 1e9;
      } finally {
        consumer.close();
      }
      findings.add(rate("Acta subscription", "consume into commands", messages, consumeSeconds));
      findings.add(
          new Ratio(
              "Acta messages consumed into commands/s ÷ raw KafkaConsumer messages/s",
              rawReadSeconds / consumeSeconds,
              List.of(),
              "the raw consumer only reads; Acta also sends each message's deposit and waits for"
                  + " it (a keyed command: one index read and write, one journal write)"));
      findings.note(
          String.format(
              Locale.ROOT,
              "%,d events (%d accounts opened, then deposits) in a fresh keyspace; topics of %d"
                  + " partitions on one broker (Apache Kafka %s, KRaft, in a child JVM on this"
                  + " machine). Publishing is timed from the node's start to the last record on the"
                  + " topic (end offsets), so it includes reading the journal by tag. Both"
                  + " producers are idempotent with acks=all. Consuming is timed from the node's"
                  + " start to the group's committed offsets reaching the end.",
              messages,
              ACCOUNTS,
              PARTITIONS,
              broker.kafkaVersion()));
    }
    return findings;
  }

  private static Measurement rate(String subject, String metric, int count, double seconds) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("messages", count);
    details.put("seconds", String.format(Locale.ROOT, "%.1f", seconds));
    return new Measurement(subject, metric, count / seconds, "messages/s", details);
  }

  private static double rawProduce(String servers, String topic, int count) {
    try (var producer = producer(servers)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        String account = "kafka-" + (i % ACCOUNTS);
        String json =
            "{\"accountId\":\""
                + account
                + "\",\"amount\":{\"minorUnits\":1,\"currency\":\"EUR\"}}";
        var headers = new RecordHeaders();
        headers.add(TopicMessage.EVENT_ID_HEADER, utf8("account|" + account + "#" + (i + 1)));
        headers.add(TopicMessage.TYPE_HEADER, utf8("ledger.money-deposited"));
        headers.add(TopicMessage.VERSION_HEADER, utf8("1"));
        headers.add(TopicMessage.TIME_HEADER, utf8(Instant.now().toString()));
        producer.send(
            new ProducerRecord<>(
                topic, null, System.currentTimeMillis(), account, utf8(json), headers));
      }
      producer.flush();
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static void producePayments(String servers, String topic, int count) {
    try (var producer = producer(servers)) {
      for (int i = 0; i < count; i++) {
        String account = "kafka-" + (i % ACCOUNTS);
        String json =
            "{\"paymentId\":\"bench-"
                + i
                + "\",\"account\":\""
                + account
                + "\",\"amount\":{\"minorUnits\":1,\"currency\":\"EUR\"}}";
        producer.send(new ProducerRecord<>(topic, account, utf8(json)));
      }
      producer.flush();
    }
  }

  private static KafkaProducer<String, byte[]> producer(String servers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static double rawConsume(String servers, String topic, int count) {
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-raw-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long t0 = System.nanoTime();
      int read = 0;
      while (read < count) {
        if (System.nanoTime() - t0 > LIMIT.toNanos())
          throw new IllegalStateException("raw consumer read " + read + " of " + count);
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
      consumer.commitSync();
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static void awaitCount(Progress progress, String what, int count, LongSupplier current)
      throws InterruptedException {
    long t0 = System.nanoTime();
    long last = 0;
    while (true) {
      long now = current.getAsLong();
      if (now >= count) return;
      if (System.nanoTime() - t0 > LIMIT.toNanos())
        throw new IllegalStateException(what + " " + now + " of " + count + " in " + LIMIT);
      if (System.nanoTime() - last > TimeUnit.SECONDS.toNanos(5)) {
        last = System.nanoTime();
        progress.detail(String.format(Locale.ROOT, "%,d of %,d %s", now, count, what));
      }
      Thread.sleep(100);
    }
  }

  private static long endOffsets(Admin admin, String topic) {
    try {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < PARTITIONS; p++)
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(o -> o.offset())
          .sum();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long committed(Admin admin, String group) {
    try {
      return admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get()
          .values()
          .stream()
          .mapToLong(OffsetAndMetadata::offset)
          .sum();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
