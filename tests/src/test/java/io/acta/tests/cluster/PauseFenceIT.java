package io.acta.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acta.examples.ledger.cluster.LocalNode;
import io.acta.tests.cassandra.SharedCassandra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Two writers for one entity never write over each other. Three real ledger nodes under keyed
 * deposit load over HTTP; one of them is paused (SIGSTOP) until the other two have downed it and
 * its accounts have taken deposits on their new owners, while clients keep sending to the paused
 * node (their requests queue in its sockets), then resumed (SIGCONT). The resumed node, which still
 * believes it owns its accounts, must write nothing: every acknowledged deposit is in the journal
 * exactly once, nothing else is, no sequence number is used twice, and each account's state is the
 * fold of its journal.
 *
 * <p>{@code -Dacta.it.pause-fence=off} runs the same with the fence off: the resumed node then
 * applies the requests that queued up, deposits that were meanwhile retried elsewhere, under
 * sequence numbers the new owners had used.
 */
class PauseFenceIT {
  /** Accounts the load balancer spreads over all nodes. */
  private static final int ACCOUNTS = 12;

  /**
   * Candidates for the accounts of the pinned clients, which first send to the node to be paused:
   * those its shards host are kept.
   */
  private static final int PINNED_CANDIDATES = 45;

  /** Pekko Cluster Sharding's default number of shards, which Acta keeps. */
  private static final int SHARDS = 1000;

  private static final Duration READY = Duration.ofMinutes(2);
  private static final String FENCE = System.getProperty("acta.it.pause-fence", "4s");

  /**
   * The ledger's logging, with the phases of Pekko's coordinated shutdown at DEBUG: where the
   * resumed node's shutdown stands, should it not exit.
   */
  private static final String NODE_LOGGING = resource("pause-fence-node-logback.xml");

  /**
   * As {@code ClusterIT}'s, for the same reasons: the resolver acts after 5 s of stable membership
   * and heartbeats may pause 5 s before a node is suspected, so a paused node is downed some 10 s
   * after it stopped. The fence (4 s) must be shorter than stable-after; it is still 8 times the
   * longest pause measured on this loaded machine's nodes (see the report), so it does not trip by
   * itself.
   */
  private static final List<String> SETTINGS =
      List.of(
          // Five JVMs share two cores: a node restarted mid-load may take long to reach Cassandra.
          "-Dacta.persistence.cassandra.connect-timeout=60s",
          "-Dacta.node.split-brain-resolver.stable-after=5s",
          "-Dacta.node.pause-fence=" + FENCE,
          "-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=5s",
          "-XX:TieredStopAtLevel=1",
          "-Dlogback.configurationFile=" + NODE_LOGGING,
          // Pekko passes DEBUG to the loggers the file above enables at DEBUG only.
          "-Dpekko.loglevel=DEBUG");

  private static final int PAUSED = 2;

  /** How long the resumed node may take to shut down. */
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(150);

  private final LedgerHttp http = new LedgerHttp();

  @Test
  void aNodeResumedAfterItWasReplacedWritesNothing() {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("acta.node.pause-fence", FENCE);
    SharedCassandra.get();
    try (ClusterHarness cluster = new ClusterHarness(3, "pause_fence_it", SETTINGS)) {
      cluster.start(0).awaitReady(READY);
      cluster.start(1);
      cluster.start(2);
      cluster.process(1).awaitReady(READY);
      cluster.process(2).awaitReady(READY);
      ClusterChecks.awaitMembers(http, cluster.node(0), 3);
      LocalNode paused = cluster.node(PAUSED);
      LocalNode reader = cluster.node(0);

      List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> "acc-" + i).toList();
      List<String> candidates =
          IntStream.range(0, PINNED_CANDIDATES).mapToObj(i -> "pin-" + i).toList();
      ClusterChecks.openAccounts(
          http, Stream.concat(accounts.stream(), candidates.stream()).toList(), cluster.nodes());
      Set<String> hosted = shardsOn(paused);
      List<String> pinned = candidates.stream().filter(a -> hosted.contains(shardOf(a))).toList();
      figures.put("accounts hosted by the node to pause", pinned.size());
      assertThat(pinned)
          .as("accounts whose shard node %d hosts (of %s)", PAUSED, hosted)
          .isNotEmpty();

      Rotation rotation = new Rotation();
      cluster.nodes().forEach(rotation::add);
      Rotation sticky = Rotation.firstTo(paused);
      sticky.add(cluster.node(0));
      sticky.add(cluster.node(1));
      DepositLoad spread =
          new DepositLoad(http, rotation, accounts, 4, Duration.ofMillis(150), true);
      DepositLoad pinnedLoad =
          new DepositLoad(http, sticky, pinned, 8, Duration.ofMillis(100), true);
      long pausedAt;
      long resumedAt;
      try (spread;
          pinnedLoad) {
        spread.awaitMoreAcknowledged(100, Duration.ofMinutes(1));
        pinnedLoad.awaitMoreAcknowledged(100, Duration.ofMinutes(1));

        // Paused; the load balancer does not notice, and the pinned clients keep trying it first.
        pausedAt = System.nanoTime();
        cluster.process(PAUSED).pause();
        ClusterChecks.awaitMembers(http, reader, 2);
        figures.put("paused node downed by the others after (s)", secondsSince(pausedAt));
        // Its accounts take deposits on their new owners, under sequence numbers it believes are
        // next.
        pinnedLoad.awaitMoreAcknowledged(pinned.size(), Duration.ofMinutes(1));
        figures.put("its accounts written by their new owners until (s)", secondsSince(pausedAt));

        resumedAt = System.nanoTime();
        cluster.process(PAUSED).resume();
        figures.put("pause, SIGSTOP to SIGCONT (s)", seconds(resumedAt - pausedAt));
        figures.put(
            "attempts at the paused node that timed out (retried elsewhere)",
            Stream.concat(
                    spread.failedBetween(pausedAt, resumedAt).stream(),
                    pinnedLoad.failedBetween(pausedAt, resumedAt).stream())
                .filter(f -> f.node() == PAUSED)
                .count());
        try {
          // It exits within seconds (its cluster has quarantined it); the bound is the time
          // Pekko's coordinated shutdown takes when every phase runs out its timeout (75 s),
          // with room for two busy cores.
          int exit = cluster.process(PAUSED).awaitExit(EXIT_WITHIN);
          figures.put("resumed node exited after (s)", secondsSince(resumedAt));
          figures.put("its exit code", exit);
        } catch (IllegalStateException stillRunning) {
          figures.put("resumed node", "still running " + EXIT_WITHIN + " after SIGCONT: killed");
          printShutdownOf(cluster.log(PAUSED));
        }
        rotation.remove(paused);
        // The load goes on a little on the two that are left.
        spread.awaitMoreAcknowledged(50, Duration.ofMinutes(1));
        pinnedLoad.awaitMoreAcknowledged(50, Duration.ofMinutes(1));
      }
      for (var load : List.of(Map.entry("spread", spread), Map.entry("pinned", pinnedLoad))) {
        figures.put(
            load.getKey() + " deposits sent / acknowledged / given up",
            load.getValue().sent.get()
                + " / "
                + load.getValue().acknowledged.get()
                + " / "
                + load.getValue().givenUp.get());
      }
      List<String> log = lines(cluster.log(PAUSED));
      figures.put(
          "commands the resumed node refused (503)",
          log.stream()
              .filter(l -> l.contains("answered 503") && l.contains("pause fence"))
              .count());
      figures.put(
          "store requests it refused",
          log.stream().filter(l -> l.contains("RequestThrottlingException")).count());

      // Every acknowledged deposit is in the journal exactly once, nothing else is, the sequence
      // numbers run on without a gap, and each state is the fold of its journal.
      SoftAssertions journal = new SoftAssertions();
      long missing = 0;
      long unexpected = 0;
      for (var load : List.of(spread, pinnedLoad)) {
        for (String account : load.acknowledgedAmounts.keySet()) {
          List<Long> acknowledged = sorted(load.acknowledgedAmounts.get(account));
          List<JsonNode> events = http.events(reader, account);
          List<Long> stored =
              sorted(
                  events.stream()
                      .filter(e -> e.path("type").asText().equals("account.deposited"))
                      .map(e -> e.path("event").path("amount").path("minorUnits").asLong())
                      .toList());
          List<Long> lost = minus(acknowledged, stored);
          List<Long> extra = minus(stored, acknowledged);
          missing += lost.size();
          unexpected += extra.size();
          journal
              .assertThat(lost)
              .as("acknowledged deposits of %s missing from the journal", account)
              .isEmpty();
          journal
              .assertThat(extra)
              .as("deposits of %s in the journal that were not acknowledged once", account)
              .isEmpty();
          journal
              .assertThat(gaps(events))
              .as("sequence numbers of %s used twice or skipped", account)
              .isEmpty();
          long folded = stored.stream().mapToLong(Long::longValue).sum();
          journal
              .assertThat(balance(reader, account))
              .as("state of %s against the fold of its journal", account)
              .isEqualTo(folded);
        }
      }
      figures.put("acknowledged deposits missing from the journal", missing);
      figures.put("deposits in the journal not acknowledged, or twice", unexpected);
      journal.assertThat(spread.givenUp.get() + pinnedLoad.givenUp.get()).as("given up").isZero();
      journal.assertAll();

      assertThat(log)
          .as("the resumed node's log")
          .anyMatch(l -> l.contains("This process was paused for"));
      assertThat(figures.get("its exit code"))
          .as("exit code of the resumed node: it shut down, for a supervisor to start afresh")
          .isNotNull()
          .isNotEqualTo(0);
    } finally {
      System.out.println("Pause fence test figures:");
      figures.forEach((k, v) -> System.out.printf("  %-66s %s%n", k, v));
    }
  }

  /**
   * What a node that did not exit left to read, in the test's output (which CI keeps when the
   * node's log is gone with the work tree), its last lines in view of CI's tail: the threads of its
   * dump that were doing something (not idle in a pool or a selector), then its log from the trip
   * on without the hundreds of refused writes and their stack traces, with the coordinated
   * shutdown's phases (the node logs them at DEBUG, see {@link #NODE_LOGGING}) and what Pekko logs
   * to stdout once its logger has stopped.
   */
  private static void printShutdownOf(Path log) {
    List<String> lines = lines(log);
    int trip = 0;
    int dump = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("This process was paused for") && trip == 0) trip = i;
      if (lines.get(i).startsWith("Still running")) dump = i;
    }
    System.out.println("Threads of the resumed node not idle at the end (" + log + "):");
    threadsAtWork(lines.subList(dump, lines.size())).forEach(l -> System.out.println("  " + l));
    System.out.println("The resumed node's log from its trip on:");
    lines.subList(trip, dump).stream()
        .filter(l -> l.matches("^(\\d\\d:\\d\\d:|\\[).*"))
        .filter(l -> NOISE.stream().noneMatch(l::contains))
        .forEach(l -> System.out.println("  " + l));
  }

  /** Lines logged by the hundreds while the resumed node refuses writes: not what stopped it. */
  private static final List<String> NOISE =
      List.of(
          "RequestThrottlingException",
          "quarantined this node",
          "UncaughtExceptions",
          "answered 503",
          "EntityBehavior",
          "ChannelPool",
          "SplitBrainResolver",
          "TagWriter",
          "Cannot read the versions of view",
          "ViewHandler");

  /** Where a thread of a dump waits for work, with nothing to do. */
  private static final List<String> IDLE =
      List.of(
          "ForkJoinPool.awaitWork",
          "ThreadPoolExecutor.getTask",
          "EPoll.wait",
          "SelectorImpl",
          "Reference Handler",
          "Finalizer",
          "Signal Dispatcher",
          "CleanerImpl",
          "Attach Listener",
          "DelayScheduler",
          "ScheduledThreadPoolExecutor",
          "LightArrayRevolverScheduler.waitNanos");

  /** The blocks of a thread dump whose thread was not idle, at most 25 lines each. */
  private static List<String> threadsAtWork(List<String> dump) {
    List<String> out = new ArrayList<>();
    List<String> block = new ArrayList<>();
    for (String line : concat(dump, List.of("\""))) {
      if (line.startsWith("\"")) {
        if (!block.isEmpty() && IDLE.stream().noneMatch(idle -> block.toString().contains(idle)))
          out.addAll(block.subList(0, Math.min(25, block.size())));
        block.clear();
      }
      if (!line.isBlank()) block.add(line);
    }
    return out;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Where the journal's sequence numbers do not follow on: the account is opened at 1, and each
   * keyed deposit takes two numbers, the event's and the record of its idempotency key's.
   */
  private static List<String> gaps(List<JsonNode> events) {
    List<String> gaps = new ArrayList<>();
    long expected = 1;
    for (JsonNode e : events) {
      long seq = e.path("sequenceNr").asLong();
      if (seq != expected) gaps.add("expected " + expected + ", found " + seq);
      expected = seq + (e.path("type").asText().equals("account.deposited") ? 2 : 1);
    }
    return gaps;
  }

  private long balance(LocalNode node, String account) {
    return http.get(node.httpUrl() + "/api/account/" + account)
        .body()
        .path("balance")
        .path("minorUnits")
        .asLong();
  }

  /** The ids of the account shards {@code node} hosts (Pekko Management's cluster HTTP). */
  private Set<String> shardsOn(LocalNode node) {
    Set<String> ids = new HashSet<>();
    for (JsonNode shard :
        http.get(node.managementUrl() + "/cluster/shards/account").body().path("regions")) {
      ids.add(shard.path("shardId").asText());
    }
    return ids;
  }

  /** The shard of an entity id, as Pekko's default message extractor computes it. */
  private static String shardOf(String entityId) {
    return Integer.toString(Math.abs(entityId.hashCode()) % SHARDS);
  }

  private static List<Long> sorted(Collection<Long> values) {
    return values.stream().sorted().toList();
  }

  /** {@code a} without one occurrence of each element of {@code b}. */
  private static List<Long> minus(List<Long> a, List<Long> b) {
    List<Long> rest = new ArrayList<>(a);
    b.forEach(rest::remove);
    return rest;
  }

  private static String resource(String name) {
    try {
      return Path.of(PauseFenceIT.class.getResource("/" + name).toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> lines(Path log) {
    try {
      return Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String secondsSince(long startNanos) {
    return seconds(System.nanoTime() - startNanos);
  }

  private static String seconds(long nanos) {
    return String.format("%.1f", nanos / 1e9);
  }
}
