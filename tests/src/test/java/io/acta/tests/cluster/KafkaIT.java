package io.acta.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acta.api.topic.TopicMessage;
import io.acta.examples.ledger.cluster.LocalNode;
import io.acta.tests.cassandra.SharedCassandra;
import io.acta.tests.kafka.SharedKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The ledger with Kafka, as a real node process against the run's shared Cassandra and Kafka
 * broker, read and fed by Kafka's own clients (what a system outside the ledger would use). The
 * node is killed with SIGKILL mid-stream in both directions.
 */
class KafkaIT {
  private static final Duration READY = Duration.ofMinutes(2);
  private static final Duration SETTLE = Duration.ofMinutes(2);
  private static final String EVENTS_TOPIC = "ledger.account-events";
  private static final String PAYMENTS_TOPIC = "payments.incoming";
  private static final String DEAD_LETTERS = "payments.incoming.dead-letters";

  private final LedgerHttp http = new LedgerHttp();

  /**
   * Kafka on, in a consumer group of the test's own; a killed node's consumer is given up after 6 s
   * instead of Kafka's 45, so that its partitions move on sooner.
   */
  private static List<String> kafkaOn(String group) {
    return List.of(
        "-Dacta.kafka.enabled=on",
        "-Dacta.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
        "-Dacta.kafka.group-id-prefix=" + group + ".",
        "-Dpekko.kafka.consumer.kafka-clients.session.timeout.ms=6000",
        "-Dpekko.kafka.consumer.kafka-clients.heartbeat.interval.ms=1000");
  }

  /**
   * One node both publishes (its accounts' events, while deposits flow over HTTP) and consumes
   * (payments), and is killed with SIGKILL in the middle of both streams. With the node down its
   * consumer group is rewound to the topic's start: the worst case of a crash, nothing committed,
   * so every payment it applied comes again. Then it restarts and goes on.
   */
  @Test
  void aNodeKilledMidStreamPublishesEveryEventInOrderAndAppliesEveryPaymentOnce() throws Exception {
    SharedCassandra.get();
    List<String> depositors = new ArrayList<>();
    for (int i = 0; i < 8; i++) depositors.add("pub-" + i);
    List<String> payees = new ArrayList<>();
    for (int i = 0; i < 8; i++) payees.add("pay-" + i);
    try (ClusterHarness cluster = new ClusterHarness(2, "kafka_it", kafkaOn("kafka-it"))) {
      LocalNode node = cluster.node(0);
      cluster.start(0).awaitReady(READY);
      List<String> all = new ArrayList<>(depositors);
      all.addAll(payees);
      ClusterChecks.openAccounts(http, all, List.of(node));

      Map<String, Long> expected = new HashMap<>();
      List<String> poison = sendPayments(payees, expected);
      AtomicInteger acknowledged = new AtomicInteger();
      AtomicBoolean stop = new AtomicBoolean();
      CompletableFuture<Void> load =
          CompletableFuture.runAsync(() -> depositUntil(stop, node, depositors, acknowledged));
      ClusterChecks.awaitTrue(
          "200 deposits acknowledged and the first payments deposited",
          READY,
          () -> acknowledged.get() >= 200 && balance(node, "pay-0") > 0);
      cluster.process(0).kill();
      stop.set(true);
      load.join();
      rewind("kafka-it.payments", PAYMENTS_TOPIC);

      cluster.start(0).awaitReady(READY);
      AtomicBoolean after = new AtomicBoolean();
      int before = acknowledged.get();
      CompletableFuture<Void> more =
          CompletableFuture.runAsync(() -> depositUntil(after, node, depositors, acknowledged));
      ClusterChecks.awaitTrue(
          "30 more deposits after the restart", READY, () -> acknowledged.get() >= before + 30);
      after.set(true);
      more.join();

      // Consumed: each payment deposited once, however often it was read or sent.
      ClusterChecks.awaitTrue(
          "every payment message consumed", SETTLE, () -> groupCaughtUp("kafka-it.payments"));
      assertThat(balancesAre(node, expected)).as("each payment deposited once").isTrue();
      // The three poison messages are parked, with why; the partitions went on past them.
      List<ConsumerRecord<String, byte[]>> parked =
          SharedKafka.readUntil(DEAD_LETTERS, SETTLE, records -> records.size() >= 3);
      List<String> reasons =
          parked.stream().map(r -> SharedKafka.header(r, "acta-error")).distinct().toList();
      assertThat(reasons).hasSize(3);
      for (String word : poison) assertThat(reasons).anySatisfy(r -> assertThat(r).contains(word));
      assertThat(parked)
          .allSatisfy(r -> assertThat(SharedKafka.header(r, "acta-source")).isNotBlank());

      // Published: what the journals hold is on the topic, each event at least once, in order.
      assertPublished(node, depositors);
    }
  }

  /**
   * 800 payments to {@code payees}, then 100 of them again (a payment system sending twice); in the
   * middle, three messages that can never apply. Returns a word of each one's reason.
   */
  private static List<String> sendPayments(List<String> payees, Map<String, Long> expected) {
    try (var producer = SharedKafka.producer()) {
      for (int i = 0; i < 800; i++) {
        String account = payees.get(i % payees.size());
        long cents = 100 + i;
        expected.merge(account, cents, Long::sum);
        producer.send(payment("p-" + i, account, cents));
        if (i == 400) {
          producer.send(raw("pay-0", "this is not JSON"));
          producer.send(payment("p-unknown-account", "nobody", 500));
          producer.send(
              raw(
                  "pay-1",
                  "{\"account\":\"pay-1\",\"amount\":{\"minorUnits\":5,\"currency\":\"EUR\"}}"));
        }
      }
      for (int i = 0; i < 100; i++)
        producer.send(payment("p-" + i, payees.get(i % payees.size()), 100 + i));
      producer.flush();
    }
    return List.of("Unrecognized token", "nobody", "no paymentId");
  }

  private void assertPublished(LocalNode node, List<String> accounts) {
    Map<String, List<Long>> journal = new LinkedHashMap<>();
    for (String account : accounts) {
      journal.put(
          account,
          http.events(node, account).stream().map(e -> e.path("sequenceNr").asLong()).toList());
    }
    Set<String> expected = new HashSet<>();
    journal.forEach(
        (account, seqs) -> seqs.forEach(s -> expected.add("account|" + account + "#" + s)));
    List<ConsumerRecord<String, byte[]>> read =
        SharedKafka.readUntil(EVENTS_TOPIC, SETTLE, records -> ids(records).containsAll(expected));

    Map<String, List<Long>> firstSeen = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    int ours = 0;
    for (var record : read) {
      String id = SharedKafka.header(record, TopicMessage.EVENT_ID_HEADER);
      if (!id.startsWith("account|pub-")) continue;
      ours++;
      String account = id.substring("account|".length(), id.indexOf('#'));
      assertThat(record.key()).as("the key of %s", id).isEqualTo(account);
      assertThat(SharedKafka.header(record, TopicMessage.TIME_HEADER)).isNotBlank();
      assertThat(SharedKafka.header(record, TopicMessage.VERSION_HEADER)).isEqualTo("1");
      String value = new String(record.value(), StandardCharsets.UTF_8);
      assertThat(value).contains("\"accountId\":\"" + account + "\"");
      if (seen.add(id))
        firstSeen
            .computeIfAbsent(account, k -> new ArrayList<>())
            .add(Long.parseLong(id.substring(id.indexOf('#') + 1)));
    }
    assertThat(seen).as("event ids on the topic").containsExactlyInAnyOrderElementsOf(expected);
    for (String account : accounts) {
      assertThat(firstSeen.get(account))
          .as("%s's events, deduplicated by event id, in the journal's order", account)
          .isEqualTo(journal.get(account));
      assertThat(
              read.stream()
                  .filter(r -> account.equals(r.key()))
                  .map(r -> SharedKafka.header(r, TopicMessage.TYPE_HEADER))
                  .findFirst())
          .contains("ledger.account-opened");
    }
    System.out.println("Kafka test figures:");
    System.out.printf("  %-48s %d%n", "events in the journals", expected.size());
    System.out.printf("  %-48s %d%n", "records of them on the topic", ours);
    System.out.printf("  %-48s %d%n", "delivered again after the kill", ours - expected.size());
  }

  private static ProducerRecord<String, byte[]> payment(String id, String account, long cents) {
    return raw(
        account,
        "{\"paymentId\":\""
            + id
            + "\",\"account\":\""
            + account
            + "\",\"amount\":{\"minorUnits\":"
            + cents
            + ",\"currency\":\"EUR\"}}");
  }

  private static ProducerRecord<String, byte[]> raw(String key, String json) {
    return new ProducerRecord<>(PAYMENTS_TOPIC, key, json.getBytes(StandardCharsets.UTF_8));
  }

  private void depositUntil(
      AtomicBoolean stop, LocalNode node, List<String> accounts, AtomicInteger acknowledged) {
    for (int round = 0; !stop.get(); round++) {
      String account = accounts.get(round % accounts.size());
      try {
        var answer =
            http.command(
                node,
                account,
                "deposit",
                "{\"amount\":{\"minorUnits\":1,\"currency\":\"EUR\"}}",
                null);
        if (answer.ok()) acknowledged.incrementAndGet();
      } catch (IOException e) {
        return; // the node is gone
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private long balance(LocalNode node, String account) {
    JsonNode body = http.get(node.httpUrl() + "/api/account/" + account).body();
    return body.path("balance").path("minorUnits").asLong();
  }

  private boolean balancesAre(LocalNode node, Map<String, Long> expected) {
    return expected.entrySet().stream().allMatch(e -> balance(node, e.getKey()) == e.getValue());
  }

  private static Set<String> ids(List<ConsumerRecord<String, byte[]>> records) {
    Set<String> ids = new HashSet<>();
    for (var r : records) ids.add(SharedKafka.header(r, TopicMessage.EVENT_ID_HEADER));
    return ids;
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()));
  }

  /** Sets the group's committed offsets back to the start of each partition of {@code topic}. */
  private static void rewind(String group, String topic) throws Exception {
    try (Admin admin = admin()) {
      // The killed member's session must end before the group accepts new offsets.
      ClusterChecks.awaitTrue(
          "the killed consumer's session over",
          SETTLE,
          () -> {
            try {
              var description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
              return description.members().isEmpty();
            } catch (Exception e) {
              return false;
            }
          });
      Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
      int partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      for (int p = 0; p < partitions; p++)
        start.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
      admin.alterConsumerGroupOffsets(group, start).all().get();
    }
  }

  /** Whether the group's committed offsets reached the end of every partition it reads. */
  private static boolean groupCaughtUp(String group) {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get();
      return !committed.isEmpty()
          && committed.entrySet().stream()
              .allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset());
    } catch (Exception e) {
      return false;
    }
  }
}
