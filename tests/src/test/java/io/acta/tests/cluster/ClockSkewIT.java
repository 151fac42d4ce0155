package io.acta.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.examples.ledger.cluster.LocalNode;
import io.acta.tests.cassandra.SharedCassandra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Views miss no event when the nodes' clocks disagree. Three real ledger nodes under keyed deposit
 * load over HTTP, one of them with its wall clock three seconds behind (libfaketime): the events it
 * writes carry times from the past, so projections on the other nodes meet them after they had read
 * beyond those times. A node with a true clock is killed mid-load (SIGKILL), so that the
 * projections it ran resume elsewhere from their stored offsets — the case in which late events
 * used to be lost until the long back-track, minutes later. (It is not restarted: projections
 * moving back to it would resume from stored offsets the same way, and a restart beside the skewed
 * JVM costs minutes on 2 cores.) After the load, within {@link #CAUGHT_UP} (well inside that long
 * back-track's two minutes), every view must equal the fold of the journal and both nodes still up
 * must report their views 0 events behind.
 *
 * <p>{@code -Dacta.it.max-delay=100ms} runs the same with views told that no event trails by more
 * than 100 ms: they then miss the skewed node's events, and the test fails.
 */
class ClockSkewIT {
  private static final String SKEW = System.getProperty("acta.it.clock-skew", "-3s");
  private static final String MAX_DELAY = System.getProperty("acta.it.max-delay");

  private static final int ACCOUNTS = 24;
  private static final int CLIENTS = 4;
  private static final Duration PACE = Duration.ofMillis(100);

  /**
   * Longer than the other cluster tests': a JVM under libfaketime spends several times the CPU of
   * another on its clock reads (about 5 times at start-up, measured), so on 2 cores the nodes
   * started beside it come up slowly.
   */
  private static final Duration READY = Duration.ofMinutes(4);

  private static final Duration CAUGHT_UP = Duration.ofSeconds(30);
  private static final int SKEWED = 2;
  private static final int KILLED = 1;

  /** As {@code ClusterIT}'s, for the same reasons. */
  private static final List<String> SETTINGS = settings();

  private final LedgerHttp http = new LedgerHttp();

  @Test
  void viewsEqualTheJournalWhenANodesClockIsBehind() {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("clock of node " + SKEWED, SKEW);
    figures.put("events-by-tag.max-delay", MAX_DELAY == null ? "(default)" : MAX_DELAY);
    SharedCassandra.get();
    List<String> skewed = Faketime.launcher(SKEW);
    try (ClusterHarness cluster = new ClusterHarness(3, "clock_skew_it", SETTINGS)) {
      cluster.start(0).awaitReady(READY);
      cluster.start(1);
      cluster.start(SKEWED, skewed);
      cluster.process(1).awaitReady(READY);
      cluster.process(SKEWED).awaitReady(READY);
      ClusterChecks.awaitMembers(http, cluster.node(0), 3);
      long behind = ClusterChecks.clockBehindSeconds(cluster.node(SKEWED));
      figures.put("node " + SKEWED + "'s Date header behind ours (s)", behind);
      assertThat(behind)
          .as("the skewed node's clock is behind (its HTTP Date header)")
          .isPositive();

      List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> "acc-" + i).toList();
      ClusterChecks.openAccounts(http, accounts, cluster.nodes());
      Rotation rotation = new Rotation();
      cluster.nodes().forEach(rotation::add);
      DepositLoad load = new DepositLoad(http, rotation, accounts, CLIENTS, PACE, true);
      try (load) {
        load.awaitMoreAcknowledged(200, Duration.ofMinutes(1));
        LocalNode killed = cluster.node(KILLED);
        cluster.process(KILLED).kill();
        rotation.remove(killed);
        ClusterChecks.awaitMembers(http, cluster.node(0), 2);
        load.awaitMoreAcknowledged(300, Duration.ofMinutes(1));
      }
      figures.put(
          "deposits sent / acknowledged / given up",
          load.sent.get() + " / " + load.acknowledged.get() + " / " + load.givenUp.get());
      assertThat(load.givenUp.get()).as("deposits never acknowledged").isZero();

      LocalNode reader = cluster.node(0);
      Map<String, Long> folded = new LinkedHashMap<>();
      for (String account : accounts) folded.put(account, depositedInJournal(reader, account));
      long total = folded.values().stream().mapToLong(Long::longValue).sum();
      figures.put("deposited in the journal (cents)", total);

      long loadEnded = System.nanoTime();
      List<String> stale = new ArrayList<>();
      try {
        ClusterChecks.awaitTrue(
            "every view equal to the fold of the journal, 0 events behind on the nodes up",
            CAUGHT_UP,
            () -> {
              stale.clear();
              folded.forEach(
                  (account, deposited) -> {
                    long balance =
                        http.get(reader.httpUrl() + "/views/balances/" + account)
                            .body()
                            .path("balance")
                            .path("minorUnits")
                            .asLong();
                    if (balance != deposited)
                      stale.add("balances/" + account + " " + balance + " != " + deposited);
                  });
              long eur =
                  http.get(reader.httpUrl() + "/views/currency-totals/EUR")
                      .body()
                      .path("deposited")
                      .asLong();
              if (eur != total) stale.add("currency-totals/EUR " + eur + " != " + total);
              for (LocalNode node : cluster.nodes())
                if (node.index() != KILLED) stale.addAll(ClusterChecks.viewsBehind(http, node));
              return stale.isEmpty();
            });
        figures.put("views caught up after the load (s)", secondsSince(loadEnded));
      } finally {
        figures.put("not caught up", stale.size() > 8 ? stale.subList(0, 8) + " ..." : stale);
      }
    } finally {
      System.out.println("Clock skew test figures:");
      figures.forEach((k, v) -> System.out.printf("  %-48s %s%n", k, v));
    }
  }

  private static List<String> settings() {
    List<String> s =
        new ArrayList<>(
            List.of(
                // Five JVMs share two cores: a node restarted mid-load may take long to reach
                // Cassandra.
                "-Dacta.persistence.cassandra.connect-timeout=60s",
                "-Dacta.node.split-brain-resolver.stable-after=5s",
                "-Dacta.node.pause-fence=4s",
                "-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=5s",
                "-Dpekko.cluster.seed-node-timeout=10s",
                "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=logback.xml"));
    if (MAX_DELAY != null)
      s.add("-Dacta.persistence.cassandra.events-by-tag.max-delay=" + MAX_DELAY);
    return s;
  }

  /** The sum of the deposits the journal holds for {@code account}. */
  private long depositedInJournal(LocalNode node, String account) {
    return http.events(node, account).stream()
        .filter(e -> e.path("type").asText().equals("account.deposited"))
        .mapToLong(e -> e.path("event").path("amount").path("minorUnits").asLong())
        .sum();
  }

  private static String secondsSince(long startNanos) {
    return String.format("%.1f", (System.nanoTime() - startNanos) / 1e9);
  }
}
