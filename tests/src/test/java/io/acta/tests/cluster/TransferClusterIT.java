package io.acta.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acta.examples.ledger.cluster.LocalNode;
import io.acta.tests.cassandra.SharedCassandra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Transfers between accounts on three real ledger nodes while one is killed (SIGKILL) and
 * restarted. Clients start random transfers over HTTP and retry them with their own keys; large
 * transfers wait for an approval that never comes for most of them, and the node is killed while
 * their expiry timers are pending, so that about a third of those timers were scheduled on the node
 * that dies: they must fire on a survivor before it comes back. Once the load stops, every transfer
 * must reach a final state, and the account journals must hold exactly the withdrawals, deposits
 * and refunds the transfers' outcomes call for — each once — so the money in all accounts is what
 * was deposited at the start.
 */
class TransferClusterIT {
  private static final int ACCOUNTS = 12;
  private static final long INITIAL = 1_000_000;
  private static final int CLIENTS = 3;
  private static final Duration PACE = Duration.ofMillis(150);

  /** Above this a transfer waits for approval, for {@link #APPROVAL} at most. */
  private static final long THRESHOLD = 300_000;

  private static final long LARGE = 400_000;

  /** Long enough that every large transfer is still waiting when the node is killed. */
  private static final Duration APPROVAL = Duration.ofSeconds(20);

  /** Large transfers started before the kill: two per account, one in five of them approved. */
  private static final int PENDING = 2 * ACCOUNTS;

  private static final String REFUSING = "acc-closed";
  private static final Duration READY = Duration.ofMinutes(2);
  private static final int KILLED = 1;

  private static final List<String> SETTINGS =
      List.of(
          "-Dledger.transfers.approval-threshold=" + THRESHOLD,
          "-Dledger.transfers.approval-timeout=" + APPROVAL.toSeconds() + "s",
          // Five JVMs share two cores: a node restarted mid-load may take long to reach Cassandra.
          "-Dacta.persistence.cassandra.connect-timeout=60s",
          "-Dacta.node.split-brain-resolver.stable-after=5s",
          "-Dacta.node.pause-fence=4s",
          "-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=5s",
          "-Dpekko.cluster.seed-node-timeout=10s",
          "-XX:TieredStopAtLevel=1",
          "-Dlogback.configurationFile=logback.xml");

  private final LedgerHttp http = new LedgerHttp();

  @Test
  void transfersMoveMoneyExactlyOnceThroughAKillAndTimersFireOnASurvivor() {
    Map<String, Object> figures = new LinkedHashMap<>();
    SharedCassandra.get();
    List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> "acc-" + i).toList();
    try (ClusterHarness cluster = new ClusterHarness(3, "transfer_it", SETTINGS)) {
      cluster.start(0).awaitReady(READY);
      cluster.start(1);
      cluster.start(2);
      cluster.process(1).awaitReady(READY);
      cluster.process(2).awaitReady(READY);
      ClusterChecks.awaitMembers(http, cluster.node(0), 3);
      LocalNode reader = cluster.node(0);

      ClusterChecks.openAccounts(http, accounts, cluster.nodes());
      for (String account : accounts)
        post(
            reader,
            "/api/account/" + account + "/deposit",
            "{\"amount\":{\"minorUnits\":" + INITIAL + ",\"currency\":\"EUR\"}}",
            account + "-initial");
      ClusterChecks.openAccounts(http, List.of(REFUSING), cluster.nodes());
      post(reader, "/api/account/" + REFUSING + "/close", "{}", null);

      Rotation rotation = new Rotation();
      cluster.nodes().forEach(rotation::add);
      TransferLoad load = new TransferLoad(http, rotation, accounts, REFUSING, CLIENTS, PACE);
      List<String> expiring = new ArrayList<>();
      try (load) {
        load.awaitMoreAcknowledged(60, Duration.ofMinutes(1));

        // Large transfers, each waiting for approval once its money is withdrawn.
        for (int i = 0; i < PENDING; i++) {
          String from = accounts.get(i % ACCOUNTS);
          String to = accounts.get((i + 1) % ACCOUNTS);
          String id = "large-" + i;
          assertThat(load.start(new TransferLoad.Started(id, from, to, LARGE))).isTrue();
          if (i % 5 != 0) expiring.add(id);
        }
        for (int i = 0; i < PENDING; i++)
          awaitStatus(reader, "large-" + i, "AWAITING_APPROVAL", Duration.ofSeconds(30));
        for (int i = 0; i < PENDING; i += 5)
          post(reader, "/api/transfer/large-" + i + "/approve", "{}", null);

        long waiting =
            expiring.stream()
                .filter(id -> "AWAITING_APPROVAL".equals(state(reader, id).path("status").asText()))
                .count();
        figures.put("unapproved large transfers waiting for their timer at the kill", waiting);
        assertThat(waiting).as("timers pending at the kill").isEqualTo(expiring.size());

        // Kill a node while the timers are pending; keep it down until every one has fired.
        long killedAt = System.nanoTime();
        cluster.process(KILLED).kill();
        rotation.remove(cluster.node(KILLED));
        for (String id : expiring) awaitStatus(reader, id, "REFUNDED", Duration.ofSeconds(90));
        figures.put(
            "unapproved large transfers expired and refunded, node " + KILLED + " down",
            expiring.size() + " of " + PENDING);
        figures.put("kill until the last expiry refunded (s)", secondsSince(killedAt));
        for (String id : expiring)
          assertThat(state(reader, id).path("reason").asText())
              .as("why %s was refunded", id)
              .isEqualTo("not approved in time");

        cluster.start(KILLED).awaitReady(READY);
        rotation.add(cluster.node(KILLED));
        ClusterChecks.awaitMembers(http, reader, 3);
        load.awaitMoreAcknowledged(60, Duration.ofMinutes(1));
      }
      figures.put(
          "transfers sent / acknowledged / retried attempts / given up",
          load.sent.get()
              + " / "
              + load.acknowledged.size()
              + " / "
              + load.retried.get()
              + " / "
              + load.givenUp.get());
      assertThat(load.clientErrors).as("transfers answered with a client error").isEmpty();
      assertThat(load.givenUp.get()).as("transfers never acknowledged").isZero();

      // Every transfer ends; tally what each must have done to the accounts.
      long settleStarted = System.nanoTime();
      Map<String, String> statuses = new TreeMap<>();
      ClusterChecks.awaitTrue(
          "every transfer in a final state",
          Duration.ofSeconds(90),
          () -> {
            for (var t : load.acknowledged.values()) {
              if (isFinal(statuses.get(t.id()))) continue;
              statuses.put(t.id(), state(reader, t.id()).path("status").asText());
            }
            return statuses.values().stream().allMatch(TransferClusterIT::isFinal);
          });
      figures.put("load end until every transfer final (s)", secondsSince(settleStarted));
      Map<String, Long> byStatus = new TreeMap<>();
      statuses.values().forEach(s -> byStatus.merge(s, 1L, Long::sum));
      figures.put("transfers by final status", byStatus);
      assertThat(byStatus)
          .as("transfers whose refund was refused")
          .doesNotContainKey("REFUND_REFUSED");
      assertThat(byStatus.get("REFUNDED"))
          .as("refunded transfers")
          .isGreaterThan((long) expiring.size());

      Map<String, List<String>> expected = new HashMap<>();
      for (String account : accounts) movement(expected, account, "deposited", INITIAL);
      for (var t : load.acknowledged.values()) {
        switch (statuses.get(t.id())) {
          case "COMPLETED" -> {
            movement(expected, t.from(), "withdrawn", t.amount());
            movement(expected, t.to(), "deposited", t.amount());
          }
          case "REFUNDED" -> {
            movement(expected, t.from(), "withdrawn", t.amount());
            movement(expected, t.from(), "deposited", t.amount());
          }
          default -> {} // FAILED: nothing moved
        }
      }
      long journalTotal = 0;
      long movements = 0;
      List<String> wrong = new ArrayList<>();
      for (String account : accounts) {
        List<String> journal = journalMovements(reader, account);
        movements += journal.size();
        journalTotal += journal.stream().mapToLong(TransferClusterIT::signed).sum();
        List<String> want = expected.getOrDefault(account, List.of());
        if (!sorted(journal).equals(sorted(want)))
          wrong.add(
              account + ": journal has " + journal.size() + ", transfers call for " + want.size());
      }
      figures.put("movements in the account journals", movements);
      figures.put(
          "money in all accounts / deposited at the start",
          journalTotal + " / " + ACCOUNTS * INITIAL);
      assertThat(wrong).as("accounts whose journal differs from what the transfers did").isEmpty();
      assertThat(journalMovements(reader, REFUSING)).as("the closed account's movements").isEmpty();
      assertThat(journalTotal).as("money in all accounts").isEqualTo(ACCOUNTS * INITIAL);
    } finally {
      System.out.println("Transfer cluster test figures:");
      figures.forEach((k, v) -> System.out.printf("  %-62s %s%n", k, v));
    }
  }

  private static boolean isFinal(String status) {
    return status != null
        && switch (status) {
          case "COMPLETED", "FAILED", "REFUNDED", "REFUND_REFUSED" -> true;
          default -> false;
        };
  }

  private static void movement(
      Map<String, List<String>> expected, String account, String kind, long amount) {
    expected.computeIfAbsent(account, a -> new ArrayList<>()).add(kind + " " + amount);
  }

  private static long signed(String movement) {
    long amount = Long.parseLong(movement.substring(movement.indexOf(' ') + 1));
    return movement.startsWith("withdrawn") ? -amount : amount;
  }

  private static List<String> sorted(List<String> movements) {
    return movements.stream().sorted().toList();
  }

  private JsonNode state(LocalNode node, String transfer) {
    return http.get(node.httpUrl() + "/api/transfer/" + transfer).body();
  }

  private void awaitStatus(LocalNode node, String transfer, String status, Duration timeout) {
    JsonNode[] last = {null};
    try {
      ClusterChecks.awaitTrue(
          transfer + " " + status,
          timeout,
          () -> status.equals((last[0] = state(node, transfer)).path("status").asText()));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last seen: " + last[0], e);
    }
  }

  private void post(LocalNode node, String path, String body, String key) {
    try {
      var answer = http.post(node, path, body, key);
      assertThat(answer.status()).as("POST %s: %s", path, answer.body()).isEqualTo(200);
    } catch (IOException e) {
      throw new UncheckedIOException(path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Each deposit and withdrawal in the account's journal, as {@code "<kind> <minor units>"}. */
  private List<String> journalMovements(LocalNode node, String account) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : http.events(node, account)) {
      String type = e.path("type").asText();
      long amount = e.path("event").path("amount").path("minorUnits").asLong();
      if (type.equals("account.deposited")) out.add("deposited " + amount);
      else if (type.equals("account.withdrawn")) out.add("withdrawn " + amount);
    }
    return out;
  }

  private static String secondsSince(long startNanos) {
    return String.format("%.1f", (System.nanoTime() - startNanos) / 1e9);
  }
}
