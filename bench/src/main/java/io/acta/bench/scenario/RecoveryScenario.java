package io.acta.bench.scenario;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.acta.api.entity.PersistenceId;
import io.acta.bench.acta.BenchNodes;
import io.acta.bench.load.Batches;
import io.acta.bench.raw.RawAccount;
import io.acta.bench.raw.RawAccounts;
import io.acta.bench.report.Measurement;
import io.acta.bench.report.Ratio;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.spi.InMemoryData;
import io.acta.runtime.spi.Shards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Scenario 7: how long the first command to an entity with many events takes when the entity is not
 * in memory (passivated): recovery from its latest snapshot, then without any snapshot (the
 * snapshots deleted and snapshotting off), for Acta and for the raw Pekko reference, alternately.
 *
 * <p>The timed recoveries run on a warm path ({@link RecoveryWarmUp}): other accounts are recovered
 * untimed first, as a running service recovers entities all day. The very first recovery of the
 * timed entity, in fresh processes, is reported apart.
 */
final class RecoveryScenario implements Scenario {
  private static final String ENTITY = "recovered";
  private static final String ACTA = "Acta";
  private static final String RAW = "raw Pekko";
  private static final EntityTypeKey<?> ACTA_KEY = Shards.key(Account.TYPE.name());
  private static final Duration IDLE = Duration.ofSeconds(1);
  private static final int WARM_UP_ROUNDS = 3;

  private final boolean onCassandra;

  RecoveryScenario(boolean onCassandra) {
    this.onCassandra = onCassandra;
  }

  @Override
  public String id() {
    return onCassandra ? "recovery-cassandra" : "recovery-in-memory";
  }

  @Override
  public String title() {
    return "Recovery of a passivated entity with many events, " + store();
  }

  private String store() {
    return onCassandra ? "Cassandra" : "in-memory";
  }

  @Override
  public List<String> issueScenarios() {
    return List.of("7");
  }

  @Override
  public boolean needsCassandra() {
    return onCassandra;
  }

  @Override
  public Findings run(BenchContext context) throws Exception {
    var progress = context.progress();
    int events = context.options().recoveryEvents();
    int samples = context.options().recoverySamples();
    int warmUps = Math.max(1, context.options().recoveryWarmUps());
    int warmUpAccounts = context.options().mode().equals("quick") ? 20 : 150;
    String storeId = "bench-recovery-" + UUID.randomUUID();
    Map<String, List<Double>> times = new LinkedHashMap<>();
    Map<String, Double> cold = new LinkedHashMap<>();
    Findings findings = new Findings();
    try {
      String passivate =
          "acta.entity-types.account.passivate-after-idle = " + IDLE.toMillis() + "ms\n";
      try (ActaNode node = start(context, storeId, passivate)) {
        RawAccounts raw = RawAccounts.start(node.actorSystem(), IDLE, true);
        progress.step(
            "writing " + events + " events to one Acta account and to one raw Pekko account");
        findings.note(write(node, raw, events));
        if (onCassandra) awaitTagCheckpoint(context, events, findings);
        progress.step("the first recovery of each, in fresh processes (reported apart)");
        cold.putAll(firstRecoveries(node, raw, events, context));
        RecoveryWarmUp warmUp = new RecoveryWarmUp(node, raw, warmUpAccounts, 110);
        progress.step(
            "writing "
                + warmUpAccounts
                + " other accounts of 110 events each, to recover untimed before timing");
        warmUp.write();
        progress.step("recovering the other accounts " + WARM_UP_ROUNDS + " times, untimed");
        findings.note(warmUp.recover(WARM_UP_ROUNDS));
        progress.step("timing recoveries from the latest snapshot (every 100 events)");
        times.putAll(
            timeRecoveries(
                node, raw, new Timing(events, warmUps, samples, "with snapshots"), context));
      }
      dropSnapshots(context, storeId);
      try (ActaNode node =
          start(context, storeId, passivate + "acta.entity-types.account.snapshot-every = 0\n")) {
        RawAccounts raw = RawAccounts.start(node.actorSystem(), IDLE, false);
        progress.step(
            "snapshots deleted and off: timing recoveries that replay all " + events + " events");
        times.putAll(
            timeRecoveries(
                node, raw, new Timing(events, warmUps, samples, "without snapshots"), context));
      }
    } finally {
      if (!onCassandra) InMemoryData.of(storeId).drop();
    }

    times.forEach((subject, ms) -> findings.add(measurement(subject, ms, events)));
    cold.forEach(
        (subject, ms) ->
            findings.add(
                new Measurement(
                    subject + ", first recovery in fresh processes (" + store() + ")",
                    "recovery time",
                    ms,
                    "ms",
                    Map.of("events", events))));
    for (String snapshots : List.of("with snapshots", "without snapshots")) {
      double acta = median(times.get(ACTA + ", " + snapshots));
      double raw = median(times.get(RAW + ", " + snapshots));
      findings.add(
          new Ratio(
              "Acta ÷ raw Pekko, recovery time " + snapshots + " (" + store() + ")",
              acta / raw,
              List.of(),
              "below 1: Acta recovers faster"));
    }
    findings.add(
        new Ratio(
            "Acta recovery time without snapshots ÷ with snapshots (" + store() + ")",
            median(times.get(ACTA + ", without snapshots"))
                / median(times.get(ACTA + ", with snapshots")),
            List.of(),
            "how much faster snapshots make recovery; the goal is at least 10"));
    findings.note(
        "Time from sending a Get to a passivated entity ("
            + events
            + " events, the reply checked to hold the full balance) until its reply: shard"
            + " delivery, snapshot load, replay, reply. Median of "
            + samples
            + " recoveries after "
            + warmUps
            + " untimed; Acta and raw Pekko alternate. The entities passivate"
            + " after "
            + IDLE.toMillis()
            + " ms idle.");
    findings.note(
        "'without snapshots': the snapshots are deleted and the next node runs with snapshotting"
            + " off, so recovery replays every event through the journal's deserializer and the"
            + " entity's event handler.");
    return findings;
  }

  private ActaNode start(BenchContext context, String storeId, String hocon) {
    if (!onCassandra) return BenchNodes.inMemory(storeId, hocon);
    var server = context.cassandra().server();
    return BenchNodes.cassandra(server.contactPoint(), server.localDatacenter(), hocon);
  }

  /**
   * Writes the events to both entities at once (each persists one event at a time, so writing them
   * one after the other would double the wait), a few dozen commands outstanding per entity.
   */
  private String write(ActaNode node, RawAccounts raw, int events) throws Exception {
    var acta = node.entity(Account.TYPE, ENTITY);
    var rawRef = raw.ref(ENTITY);
    // Two writer threads of its own: the common pool may have a single thread on a small machine.
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      long t0 = System.nanoTime();
      CompletableFuture<Double> actaSeconds =
          CompletableFuture.supplyAsync(
              () ->
                  seconds(
                      t0,
                      () -> {
                        acta.ask(new Open("owner", "EUR")).toCompletableFuture().join();
                        Batches.run(
                            events - 1, 32, i -> acta.ask(new Deposit(Money.of(1, "EUR"), null)));
                      }),
              writers);
      CompletableFuture<Double> rawSeconds =
          CompletableFuture.supplyAsync(
              () ->
                  seconds(
                      t0,
                      () -> {
                        RawAccounts.open(rawRef, "owner").toCompletableFuture().join();
                        Batches.run(events - 1, 32, i -> RawAccounts.deposit(rawRef, 1));
                      }),
              writers);
      return String.format(
          Locale.ROOT,
          "Writing the %d events to each entity, both at once, 32 commands outstanding per entity,"
              + " took Acta %.1f s and raw Pekko %.1f s (an entity persists one event at a time).",
          events,
          actaSeconds.get(),
          rawSeconds.get());
    } finally {
      writers.shutdown();
    }
  }

  /** Set-up work that may block and throw. */
  private interface Work {
    void run() throws Exception;
  }

  private static double seconds(long t0, Work work) {
    try {
      work.run();
    } catch (Exception e) {
      throw new CompletionException(e);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * The first recovery of the timed entity, Acta's then raw Pekko's, in processes that have only
   * written it so far: the cold figure.
   */
  private Map<String, Double> firstRecoveries(
      ActaNode node, RawAccounts raw, int events, BenchContext context) throws Exception {
    var times = timeRecoveries(node, raw, new Timing(events, 0, 1, "with snapshots"), context);
    Map<String, Double> cold = new LinkedHashMap<>();
    times.forEach((subject, ms) -> cold.put(subject, ms.getFirst()));
    return cold;
  }

  /** How one case's recoveries are timed: the entity's events, untimed and timed recoveries. */
  private record Timing(int events, int warmUps, int samples, String label) {}

  private Map<String, List<Double>> timeRecoveries(
      ActaNode node, RawAccounts raw, Timing timing, BenchContext context) throws Exception {
    var system = node.actorSystem();
    long expected = timing.events() - 1;
    String label = timing.label();
    List<Double> acta = new ArrayList<>();
    List<Double> rawTimes = new ArrayList<>();
    for (int i = 0; i < timing.warmUps() + timing.samples(); i++) {
      ShardState.awaitPassivated(system, ACTA_KEY, ENTITY, Duration.ofSeconds(30));
      double a =
          millis(
              () ->
                  check(
                      node.entity(Account.TYPE, ENTITY)
                          .ask(new Get())
                          .toCompletableFuture()
                          .join()
                          .balance()
                          .minorUnits(),
                      expected));
      ShardState.awaitPassivated(system, RawAccount.KEY, ENTITY, Duration.ofSeconds(30));
      double r =
          millis(
              () ->
                  check(
                      RawAccounts.get(raw.ref(ENTITY))
                          .toCompletableFuture()
                          .join()
                          .balance()
                          .minorUnits(),
                      expected));
      // The first recoveries of each are untimed: they load and compile the recovery path.
      boolean warmUp = i < timing.warmUps();
      if (!warmUp) {
        acta.add(a);
        rawTimes.add(r);
      }
      context
          .progress()
          .detail(
              String.format(
                  Locale.ROOT,
                  "%s%s: Acta %.1f ms, raw Pekko %.1f ms",
                  warmUp ? "warm-up " : "",
                  label,
                  a,
                  r));
    }
    Map<String, List<Double>> times = new LinkedHashMap<>();
    times.put(ACTA + ", " + label, acta);
    times.put(RAW + ", " + label, rawTimes);
    return times;
  }

  private static Object check(long balance, long expected) {
    if (balance != expected)
      throw new IllegalStateException("recovered balance " + balance + ", expected " + expected);
    return null;
  }

  /**
   * Waits until the journal has checkpointed both entities' tag writes (tag_scanning at their last
   * event, written every acta.persistence.cassandra.events-by-tag.recovery-checkpoint-interval):
   * until then a recovery re-reads the events written since the last checkpoint, snapshot or not.
   */
  private static void awaitTagCheckpoint(BenchContext context, int events, Findings findings)
      throws InterruptedException {
    long t0 = System.nanoTime();
    try (CqlSession session = context.cassandra().session()) {
      for (String pid :
          List.of(
              PersistenceId.of(Account.TYPE.name(), ENTITY).value(),
              RawAccount.persistenceId(ENTITY))) {
        while (true) {
          var row =
              session
                  .execute(
                      SimpleStatement.newInstance(
                          "SELECT sequence_nr FROM acta.tag_scanning WHERE persistence_id = ?",
                          pid))
                  .one();
          if (row != null && row.getLong("sequence_nr") >= events) break;
          if (System.nanoTime() - t0 > Duration.ofMinutes(2).toNanos())
            throw new IllegalStateException("no tag checkpoint for " + pid + " within 2 minutes");
          Thread.sleep(200);
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    context
        .progress()
        .detail(String.format(Locale.ROOT, "tag writes checkpointed after %.1f s", seconds));
    findings.note(
        String.format(
            Locale.ROOT,
            "Recoveries are timed once the journal has checkpointed the entities' tag writes"
                + " (tag_scanning, every acta.persistence.cassandra.events-by-tag."
                + "recovery-checkpoint-interval, 5 s; %.1f s after the last write here): an entity"
                + " recovering sooner (a failover right after its writes) first re-reads the events"
                + " written since the previous checkpoint, up to two intervals' worth.",
            seconds));
  }

  private void dropSnapshots(BenchContext context, String storeId) {
    if (!onCassandra) {
      InMemoryData.of(storeId).dropSnapshots();
      return;
    }
    try (CqlSession session = context.cassandra().session()) {
      for (String pid :
          List.of(
              PersistenceId.of(Account.TYPE.name(), ENTITY).value(),
              RawAccount.persistenceId(ENTITY))) {
        session.execute(
            SimpleStatement.newInstance(
                "DELETE FROM acta_snapshot.snapshots WHERE persistence_id = ?", pid));
      }
    }
  }

  private Measurement measurement(String subject, List<Double> ms, int events) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("min ms", ms.stream().mapToDouble(Double::doubleValue).min().orElse(0));
    details.put("max ms", ms.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    details.put("events", events);
    details.put("samples", ms.size());
    return new Measurement(
        subject + " (" + store() + ")", "recovery time (median)", median(ms), "ms", details);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double seconds(Callable<?> work) throws Exception {
    long t0 = System.nanoTime();
    work.call();
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double millis(Callable<?> work) throws Exception {
    return seconds(work) * 1000;
  }
}
