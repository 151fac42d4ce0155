package io.acta.bench.scenario;

import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.ViewType;
import io.acta.bench.Progress;
import io.acta.bench.acta.BenchNodes;
import io.acta.bench.cassandra.BenchCassandra;
import io.acta.bench.load.Batches;
import io.acta.bench.load.CpuWindow;
import io.acta.bench.load.QuietWait;
import io.acta.bench.projection.CatchUpWatch;
import io.acta.bench.projection.RawTagReader;
import io.acta.bench.report.Measurement;
import io.acta.bench.report.Ratio;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountBalance;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.CurrencyTotals;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.EntityRef;
import io.acta.runtime.Projections;
import io.acta.runtime.internal.EntitySettingsReader;
import io.acta.runtime.spi.Slices;
import io.micrometer.core.instrument.FunctionCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * Scenario 6: a view catching up with a journal that already holds many events. Acta writes the
 * events to Cassandra (in a keyspace of this scenario's own), the node stops, and a new node with
 * the ledger's balances view starts and folds all of them; the time until no slice is behind gives
 * events folded per second. The reference reads the same events of the same tags raw, through the
 * Cassandra read journal's {@code currentEventsByTag}, and only counts them.
 */
final class ProjectionCatchUpScenario implements Scenario {
  // Writing is set-up, not measured: hundreds of entities starting at once on 2 cores take longer
  // than the default ask timeout to all answer.
  private static final String KEYSPACES =
      "acta.persistence.cassandra { keyspace = bench_catch_up, "
          + "snapshot-keyspace = bench_catch_up_snapshot }, acta.entity-defaults.ask-timeout = 60s";
  private static final int WRITE_WINDOW = 512;
  private static final int RAW_PASSES = 3;
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration LIMIT = Duration.ofMinutes(15);

  /**
   * The longest each timed read or fold waits for both processes to fall quiet first: after a
   * million writes (or a fold's) the server flushes and compacts for a while, and whichever ran
   * during that would pay for it.
   */
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(90);

  @Override
  public String id() {
    return "projection-catch-up";
  }

  @Override
  public String title() {
    return "Projection catch-up: a view folding a journal's events, against reading them raw";
  }

  @Override
  public List<String> issueScenarios() {
    return List.of("6");
  }

  @Override
  public boolean needsCassandra() {
    return true;
  }

  @Override
  public Findings run(BenchContext context) throws Exception {
    var progress = context.progress();
    BenchCassandra cassandra = context.cassandra();
    var server = cassandra.server();
    int events = context.options().catchUpEvents();
    // 100 events per account: each account's open and 99 deposits, one snapshot each.
    int accounts = Math.max(1, events / 100);
    int deposits = events - accounts;

    Findings findings = new Findings();
    OptionalLong cassandraPid = OptionalLong.of(server.pid());
    CpuWindow.Used rawCpu = CpuWindow.Used.NONE;
    Map<String, Long> waits = new LinkedHashMap<>();
    long rawCount;
    double rawSeconds;
    List<Double> rawPasses = new ArrayList<>();
    List<String> tags;
    int maxEvents;
    try (ActaNode writer =
        BenchNodes.cassandra(server.contactPoint(), server.localDatacenter(), KEYSPACES)) {
      int slices = EntitySettingsReader.resolve(writer.config(), Account.TYPE).slices();
      maxEvents = writer.config().getInt("acta.projections.view-group.max-events");
      tags = IntStream.range(0, slices).mapToObj(i -> Slices.tag(Account.TYPE.name(), i)).toList();
      progress.step(
          String.format(
              Locale.ROOT,
              "writing %,d events with Acta: %,d accounts opened, %,d deposits, %d outstanding",
              events,
              accounts,
              deposits,
              WRITE_WINDOW));
      long w0 = System.nanoTime();
      List<EntityRef<AccountCommand<?>>> refs = new ArrayList<>();
      for (int i = 0; i < accounts; i++) refs.add(writer.entity(Account.TYPE, "catch-up-" + i));
      Batches.run(
          accounts, WRITE_WINDOW, i -> refs.get(i).ask(new Open("owner-" + (i % 100), "EUR")));
      int chunk = Math.max(1, deposits / 10);
      for (int from = 0; from < deposits; from += chunk) {
        int base = from;
        Batches.run(
            Math.min(chunk, deposits - from),
            WRITE_WINDOW,
            i -> refs.get((base + i) % accounts).ask(new Deposit(Money.of(1, "EUR"), null)));
        progress.detail(
            String.format(
                Locale.ROOT,
                "%,d of %,d events written, %.0f s",
                accounts + Math.min(deposits, from + chunk),
                events,
                (System.nanoTime() - w0) / 1e9));
      }
      double writeSeconds = (System.nanoTime() - w0) / 1e9;
      progress.detail(
          String.format(
              Locale.ROOT,
              "written in %.0f s (%,.0f events/s)",
              writeSeconds,
              events / writeSeconds));
      findings.note(
          String.format(
              Locale.ROOT,
              "Writing the %,d events (%,d accounts of 100 events each, %d commands "
                  + "outstanding) took Acta %.0f s, %,.0f events/s.",
              events,
              accounts,
              WRITE_WINDOW,
              writeSeconds,
              events / writeSeconds));
      // Tag writes trail the journal writes a little; the raw read below must find every event.
      Thread.sleep(2_000);
      waits.put("raw", quiet(cassandraPid, progress));

      // A raw read of this size lasts a few seconds at most: one burst of outside load would move
      // it a lot,
      // so it is read several times and the median pass is kept.
      rawCount = -1;
      for (int pass = 1; pass <= RAW_PASSES; pass++) {
        progress.step(
            "raw, pass "
                + pass
                + " of "
                + RAW_PASSES
                + ": reading the "
                + tags.size()
                + " tags "
                + tags
                + " with currentEventsByTag, one stream per tag");
        long r0 = System.nanoTime();
        CpuWindow cpu = CpuWindow.start(cassandraPid);
        long count = RawTagReader.count(writer.actorSystem(), tags, progress::detail);
        double seconds = (System.nanoTime() - r0) / 1e9;
        rawCpu = rawCpu.plus(cpu.stop());
        progress.detail(String.format(Locale.ROOT, "%,d events read in %.2f s", count, seconds));
        if (rawCount >= 0 && count != rawCount) {
          throw new IllegalStateException(
              "the raw reads disagree: " + rawCount + " then " + count + " events");
        }
        rawCount = count;
        rawPasses.add(seconds);
      }
      rawSeconds = rawPasses.stream().sorted().toList().get(RAW_PASSES / 2);
    }

    double rawRate = rawCount / rawSeconds;
    findings.add(
        measurement(
            "raw currentEventsByTag (Cassandra)",
            "events read (median pass)",
            rawRate,
            rawCount,
            rawSeconds,
            perEvent(
                rawCpu,
                rawCount * RAW_PASSES,
                Map.of("passes, s", rawPasses, "waited for quiet, s", waits.get("raw")))));
    for (ViewType<?> view : List.of(LedgerViews.BALANCES, LedgerViews.TOTALS)) {
      boolean perEntity = view.isRowPerEntity();
      long quietBeforeFold = quiet(cassandraPid, progress);
      long quietBeforeRebuild;
      progress.step(
          "starting a node with the '"
              + view.name()
              + "' view, which folds the journal from its start into an empty version");
      long s0 = System.nanoTime();
      double foldSeconds;
      long folded;
      CpuWindow.Used foldCpu;
      double rebuildSeconds;
      CpuWindow.Used rebuildCpu;
      try (ActaNode node =
          BenchNodes.cassandra(
              server.contactPoint(), server.localDatacenter(), KEYSPACES, Projections.of(view))) {
        // Folding is timed from a started node (cluster formed, view tables checked), as the raw
        // read is timed from a running one.
        long f0 = System.nanoTime();
        CpuWindow cpu = CpuWindow.start(cassandraPid);
        progress.detail(String.format(Locale.ROOT, "node started in %.1f s", (f0 - s0) / 1e9));
        Projections views = node.extension(Projections.class);
        foldSeconds =
            CatchUpWatch.awaitFolded(
                views.operations(),
                () -> folded(node, view),
                rawCount,
                f0,
                POLL,
                LIMIT,
                progress::detail);
        foldCpu = cpu.stop();
        folded =
            views.operations().status().stream().mapToLong(ProjectionStatus::processedHere).sum();
        progress.detail(
            String.format(
                Locale.ROOT,
                "caught up after %.1f s, %,d events folded here",
                foldSeconds,
                folded));
        checkFolded(views, view, accounts, deposits);
        quietBeforeRebuild = quiet(cassandraPid, progress);
        // The same events folded again, as an operator's rebuild into a new version: both JVMs
        // have now run this fold's code, as the raw passes had run theirs (the median pass of
        // three); the first fold paid their warm-up (JIT compilation, heap growth) too.
        progress.step(
            "rebuilding '"
                + view.name()
                + "' on the same node (ViewOperations.rebuild): the same events into a new"
                + " version");
        CpuWindow rebuildCpuFrom = CpuWindow.start(cassandraPid);
        rebuildSeconds =
            CatchUpWatch.rebuild(views.operations(), view, POLL, LIMIT, progress::detail);
        rebuildCpu = rebuildCpuFrom.stop();
        progress.detail(String.format(Locale.ROOT, "rebuilt in %.1f s", rebuildSeconds));
        checkFolded(views, view, accounts, deposits);
      }
      double foldRate = rawCount / foldSeconds;
      double rebuildRate = rawCount / rebuildSeconds;
      findings.add(
          measurement(
              "Acta, '" + view.name() + "' view (Cassandra)",
              "catch-up, events folded",
              foldRate,
              rawCount,
              foldSeconds,
              perEvent(
                  foldCpu,
                  rawCount,
                  Map.of("folded here", folded, "waited for quiet, s", quietBeforeFold))));
      findings.add(
          new Ratio(
              "Acta '"
                  + view.name()
                  + "' catch-up ("
                  + (perEntity ? "a row per entity" : "all entities into one row per currency")
                  + "), events folded/s ÷ raw events read/s (Cassandra)",
              foldRate / rawRate,
              List.of(),
              "1 is the ceiling: the view folds as fast as the events can be read raw"));
      findings.add(
          measurement(
              "Acta, '" + view.name() + "' view (Cassandra)",
              "rebuild (second fold), events folded",
              rebuildRate,
              rawCount,
              rebuildSeconds,
              perEvent(rebuildCpu, rawCount, Map.of("waited for quiet, s", quietBeforeRebuild))));
      findings.add(
          new Ratio(
              "Acta '"
                  + view.name()
                  + "' rebuild, the second fold (warm), events folded/s ÷ raw events read/s"
                  + " (Cassandra)",
              rebuildRate / rawRate,
              List.of(),
              "1 is the ceiling"));
    }
    findings.note(
        "Folding: from a started node (cluster formed, view tables checked; the projections"
            + " then start) until the view's meter of events folded"
            + " (acta.projection.events.processed, polled every "
            + POLL.toSeconds()
            + " s) holds them all and ViewOperations.status() then finds no slice behind (the"
            + " status, which counts each slice's backlog in events-by-tag, is asked only then; the"
            + " node measures lag on its own every acta.projections.status-interval, spaced out"
            + " while that takes long). One projection per slice ("
            + tags.size()
            + " slices) folding groups of up to "
            + String.format(Locale.ROOT, "%,d", maxEvents)
            + " events"
            + " (acta.projections.view-group.max-events): 'balances' (a row per entity) writes each"
            + " changed row once per group without a read or condition, keeping the rows it wrote"
            + " in memory; 'currency-totals' (every account into its currency's row) reads and"
            + " writes each changed row once per group through a conditional (Paxos) batch. Both"
            + " effectively exactly once. 'folded here' counts events handled, including any"
            + " delivered twice. CPU/event: the CPU this JVM (the node; for raw, the reader) and"
            + " the Cassandra server used over the fold, or over all raw passes, per event.");
    findings.note(
        "Rebuild: on the node that just folded the view, ViewOperations.rebuild(view) folds the"
            + " same events again from the start of the journal into a new version, the caught-up"
            + " version serving meanwhile, and switches reads over; timed from the call until it"
            + " completes (the new version serving). The rebuild checks every"
            + " acta.projections.rebuild-progress-interval whether every slice of the new version"
            + " has caught up; the fold is the same as the first one's, in JVMs that have run it"
            + " once.");
    findings.note(
        "Raw: the same "
            + tags.size()
            + " tags read at once, from the start, with the payloads deserialized "
            + "and counted; no fold, no writes, no offsets; "
            + RAW_PASSES
            + " passes, the median kept. It ran first, on the writing node, after the writes;"
            + " Cassandra had the data in memory or the OS page cache for both. The raw passes,"
            + " each fold and each rebuild start once both processes have used less than a quarter"
            + " of a core for two seconds running (at most "
            + SETTLE_LIMIT.toSeconds()
            + " s; 'waited for quiet'), so that none pays for the server compacting what was"
            + " written before it.");
    return findings;
  }

  /** Waits for both processes to fall quiet (at most {@link #SETTLE_LIMIT}); returns seconds. */
  private static long quiet(OptionalLong cassandraPid, Progress progress)
      throws InterruptedException {
    Duration waited = QuietWait.await(cassandraPid, SETTLE_LIMIT);
    progress.detail("both processes quiet after " + waited.toSeconds() + " s");
    return waited.toSeconds();
  }

  /**
   * {@code more} with the CPU each side spent per event, in µs: this JVM (the node, and the raw
   * reader) and the Cassandra server. Both share two cores; a fold's cost per event against the raw
   * read's says how far the fold can get on such a machine.
   */
  private static Map<String, Object> perEvent(
      CpuWindow.Used cpu, long events, Map<String, Object> more) {
    Map<String, Object> out = new LinkedHashMap<>(more);
    out.put("node CPU/event µs", Math.round(cpu.herePerUnitMicros(events) * 10) / 10.0);
    out.put("Cassandra CPU/event µs", Math.round(cpu.otherPerUnitMicros(events) * 10) / 10.0);
    return out;
  }

  /** A sanity check of what was folded (not a timing). */
  private static void checkFolded(Projections views, ViewType<?> view, int accounts, int deposits) {
    if (view == LedgerViews.BALANCES) {
      // The last account's row holds its deposits.
      AccountBalance last =
          views
              .queries()
              .get(LedgerViews.BALANCES, "catch-up-" + (accounts - 1))
              .toCompletableFuture()
              .join()
              .orElseThrow();
      long expected = deposits / accounts + (deposits % accounts > accounts - 1 ? 1 : 0);
      if (last.balance().minorUnits() != expected) {
        throw new IllegalStateException(
            "the view holds " + last.balance() + " for the last account, not " + expected);
      }
    } else {
      CurrencyTotals eur =
          views.queries().get(LedgerViews.TOTALS, "EUR").toCompletableFuture().join().orElseThrow();
      if (eur.accountsOpened() != accounts || eur.deposited().longValueExact() != deposits) {
        throw new IllegalStateException(
            "the totals hold " + eur + ", not " + accounts + " accounts and " + deposits);
      }
    }
  }

  private static Measurement measurement(
      String subject,
      String metric,
      double rate,
      long events,
      double seconds,
      Map<String, Object> more) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("events", events);
    details.put("seconds", seconds);
    details.putAll(more);
    return new Measurement(subject, metric, rate, "events/s", details);
  }

  /** The events {@code view}'s projections handled on {@code node}, from its meters. */
  private static long folded(ActaNode node, ViewType<?> view) {
    return Math.round(
        node
            .meters()
            .find("acta.projection.events.processed")
            .tag("view", view.name())
            .functionCounters()
            .stream()
            .mapToDouble(FunctionCounter::count)
            .sum());
  }
}
