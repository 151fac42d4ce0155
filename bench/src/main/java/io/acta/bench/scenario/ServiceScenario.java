package io.acta.bench.scenario;

import io.acta.bench.Progress;
import io.acta.bench.acta.BenchNodes;
import io.acta.bench.cassandra.BenchCassandra;
import io.acta.bench.http.Wrk;
import io.acta.bench.load.Batches;
import io.acta.bench.load.CpuWindow;
import io.acta.bench.load.FreshnessTarget;
import io.acta.bench.load.OpenLoopDriver;
import io.acta.bench.load.OpenLoopResult;
import io.acta.bench.load.QuietWait;
import io.acta.bench.projection.CatchUpWatch;
import io.acta.bench.report.Measurement;
import io.acta.bench.report.Ratio;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.LedgerViews;
import io.acta.http.HttpApi;
import io.acta.runtime.ActaNode;
import io.acta.runtime.NodeExtension;
import io.acta.runtime.Projections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * The ledger service as a user meets it: deposits over HTTP to 1,000 accounts, driven by wrk, an
 * HTTP load generator in its own process, at full speed (64 connections). Once with the ledger's
 * three views (balances, history, currency totals) kept, once without; everything else equal. CPU
 * per request is read for this JVM (the service) and the Cassandra server's.
 */
final class ServiceScenario implements Scenario {
  private static final int ACCOUNTS = 1_000;
  private static final int CONNECTIONS = 64;
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(10);

  /** The longest a run waits for the service and the server to fall quiet before its warm-up. */
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(90);

  private static final String DEPOSITS =
      """
      math.randomseed(os.time())
      wrk.method = "POST"
      wrk.headers["Content-Type"] = "application/json"
      wrk.body = '{"amount":{"minorUnits":1,"currency":"EUR"}}'
      request = function()
        return wrk.format(nil, "/api/account/w" .. math.random(0, %d) .. "/deposit")
      end
      """
          .formatted(ACCOUNTS - 1);

  @Override
  public String id() {
    return "service";
  }

  @Override
  public String title() {
    return "The ledger service over HTTP, driven by wrk from its own process: views on against off";
  }

  @Override
  public List<String> issueScenarios() {
    return List.of("service");
  }

  @Override
  public boolean needsCassandra() {
    return true;
  }

  @Override
  public Findings run(BenchContext context) throws Exception {
    var progress = context.progress();
    boolean quick = context.options().mode().equals("quick");
    Duration warmUp = Duration.ofSeconds(quick ? 5 : 10);
    Duration measure = Duration.ofSeconds(quick ? 10 : 20);
    // The unreported first round runs longer: under full load the JIT compiles slowly (its
    // threads share the two cores), and a short first round left the next run measuring a JVM
    // still compiling the path without views.
    Duration firstRound = Duration.ofSeconds(quick ? 5 : 40);
    BenchCassandra cassandra = context.cassandra();
    OptionalLong cassandraPid = OptionalLong.of(cassandra.server().pid());
    progress.step("making sure wrk is installed");
    Wrk.ensureInstalled();
    Findings findings = new Findings();
    int rounds = quick ? 1 : 2;
    List<Double> ratios = new ArrayList<>();
    // Round 0 warms this JVM (JIT) with the same work and is not reported.
    for (int round = 0; round <= rounds; round++) {
      Map<Boolean, Double> rates = new LinkedHashMap<>();
      for (boolean withViews : List.of(false, true)) {
        Wrk.Result r =
            runOnce(
                context,
                round,
                withViews,
                warmUp,
                round == 0 ? firstRound : measure,
                cassandraPid,
                round == 0 ? null : findings,
                rounds);
        rates.put(withViews, r.perSecond());
      }
      if (round > 0) ratios.add(rates.get(true) / rates.get(false));
    }
    findings.add(
        new Ratio(
            "ledger service deposits/s over HTTP, three views kept ÷ no views",
            ratios.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
            ratios,
            "what keeping the views costs the commands; 1 is free, the goal is at least 0.5"));
    findings.note(
        "wrk runs as its own process (2 threads, "
            + CONNECTIONS
            + " connections) on the same 2 cores as the service (this JVM) and the Cassandra"
            + " server: the three share the machine alike in both runs. Each run: a fresh keyspace,"
            + " "
            + ACCOUNTS
            + " accounts opened, the views caught up, a wait (at most "
            + SETTLE_LIMIT.toSeconds()
            + " s) until the service and the server use less than a quarter of a core together"
            + " (the JIT and the server's compactions done with the run before), "
            + warmUp.toSeconds()
            + " s of warm-up, then "
            + measure.toSeconds()
            + " s measured; a first round, not reported, warms the JVM ("
            + firstRound.toSeconds()
            + " s measured per side), then "
            + rounds
            + " round(s) of views off and on, the ratio their mean. 'views caught up after the"
            + " load' is how long the views took, after the last deposit, to have folded every"
            + " event: views that fell behind would make the ratio look better than it is.");
    return findings;
  }

  /** One service run; its measurement is added to {@code findings} unless that is null. */
  private Wrk.Result runOnce(
      BenchContext context,
      int round,
      boolean withViews,
      Duration warmUp,
      Duration measure,
      OptionalLong cassandraPid,
      Findings findings,
      int lastRound)
      throws Exception {
    var progress = context.progress();
    BenchCassandra cassandra = context.cassandra();
    {
      String keyspace = "bench_service_" + (withViews ? "views" : "plain") + "_" + round;
      List<NodeExtension> extensions = new ArrayList<>();
      if (withViews)
        extensions.add(
            Projections.of(LedgerViews.BALANCES, LedgerViews.HISTORY, LedgerViews.TOTALS));
      // Health checks (Pekko Management) are off: they would bind a second port.
      extensions.add(HttpApi.builder().host("127.0.0.1").port(0).build());
      progress.step(
          (round == 0 ? "warming the JVM: " : "round " + round + ": ")
              + "starting the ledger service on Cassandra "
              + (withViews ? "with its three views" : "without views")
              + ", opening "
              + ACCOUNTS
              + " accounts");
      try (ActaNode node =
          BenchNodes.cassandra(
              cassandra.server().contactPoint(),
              cassandra.server().localDatacenter(),
              "acta.http.management = off, acta.persistence.cassandra { keyspace = "
                  + keyspace
                  + ", snapshot-keyspace = "
                  + keyspace
                  + "_snapshot }",
              extensions.toArray(NodeExtension[]::new))) {
        String url = "http://127.0.0.1:" + node.extension(HttpApi.class).boundAddress().getPort();
        Batches.run(
            ACCOUNTS, 64, i -> node.entity(Account.TYPE, "w" + i).ask(new Open("w", "EUR")));
        Projections views = withViews ? node.extension(Projections.class) : null;
        if (views != null)
          CatchUpWatch.await(
              views.operations(), System.nanoTime(), POLL, CATCH_UP_LIMIT, progress::detail);
        Duration settled = QuietWait.await(cassandraPid, SETTLE_LIMIT);
        progress.detail(
            "both processes quiet after "
                + settled.toSeconds()
                + " s; warming up for "
                + warmUp.toSeconds()
                + " s");
        Wrk.run(url, DEPOSITS, warmUp, CONNECTIONS);
        if (views != null)
          CatchUpWatch.await(
              views.operations(), System.nanoTime(), POLL, CATCH_UP_LIMIT, progress::detail);
        progress.detail("measuring for " + measure.toSeconds() + " s");
        CpuWindow cpuWindow = CpuWindow.start(cassandraPid);
        Wrk.Result r = Wrk.run(url, DEPOSITS, measure, CONNECTIONS);
        CpuWindow.Used cpu = cpuWindow.stop();
        long stopped = System.nanoTime();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requests", r.requests());
        details.put("waited for quiet, s", settled.toSeconds());
        details.put("p50 ms", round1(r.p50Millis()));
        details.put("p99 ms", round1(r.p99Millis()));
        details.put("failed", r.failed());
        details.put("service CPU/request µs", Math.round(cpu.herePerUnitMicros(r.requests())));
        details.put("Cassandra CPU/request µs", Math.round(cpu.otherPerUnitMicros(r.requests())));
        if (views != null) {
          double behind =
              CatchUpWatch.await(
                  views.operations(), stopped, POLL, CATCH_UP_LIMIT, progress::detail);
          details.put("views caught up after the load, s", round1(behind));
          if (findings != null && round == lastRound) {
            // From quiet processes, as every load run here: right after the full load the
            // server is still flushing and compacting what it wrote.
            Duration quiet = QuietWait.await(cassandraPid, SETTLE_LIMIT);
            progress.detail("both processes quiet after " + quiet.toSeconds() + " s");
            freshness(
                node,
                views,
                freshnessRate(context, r.perSecond()),
                context.options().freshnessRate() > 0,
                new FreshnessRun(warmUp, measure, quiet),
                findings,
                progress);
          }
        }
        progress.detail(
            String.format(
                Locale.ROOT,
                "%,.0f deposits/s, p50 %.1f ms, p99 %.1f ms, %d failed",
                r.perSecond(),
                r.p50Millis(),
                r.p99Millis(),
                r.failed()));
        if (findings != null)
          findings.add(
              new Measurement(
                  "ledger service, "
                      + (withViews ? "three views kept" : "no views")
                      + ", round "
                      + round,
                  "deposits over HTTP (wrk, " + CONNECTIONS + " connections)",
                  r.perSecond(),
                  "requests/s",
                  details));
        return r;
      }
    }
  }

  /**
   * Deposits at half the measured capacity (or the run's {@code freshness-rate}, to compare code at
   * one rate), each awaited in the balances and the totals view: how long after its acknowledgement
   * a command's effect is visible. The load comes from this JVM (the open-loop driver), at a fixed
   * rate; what is measured is the views' pipeline, not HTTP.
   */
  private static void freshness(
      ActaNode node,
      Projections views,
      double rate,
      boolean fixedRate,
      FreshnessRun run,
      Findings findings,
      Progress progress)
      throws InterruptedException {
    progress.detail(String.format(Locale.ROOT, "freshness at %,.0f deposits/s", rate));
    FreshnessTarget target = new FreshnessTarget(node, views.queries(), "w");
    OpenLoopDriver.run(target, rate, ACCOUNTS, Duration.ZERO, run.warmUp(), progress);
    target.balances();
    target.totals();
    OpenLoopResult result =
        OpenLoopDriver.run(target, rate, ACCOUNTS, Duration.ZERO, run.measure(), progress);
    for (var view : List.of("balances", "currency-totals")) {
      Histogram h = view.equals("balances") ? target.balances() : target.totals();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("deposits", h.getTotalCount());
      details.put("p99 ms", round1(h.getValueAtPercentile(99) / 1e6));
      details.put("max ms", round1(h.getMaxValue() / 1e6));
      details.put("deposits/s", Math.round(result.throughput()));
      details.put("failed", result.errors());
      details.put("waited for quiet, s", run.waitedForQuiet().toSeconds());
      findings.add(
          new Measurement(
              "ledger service, '" + view + "' view",
              (fixedRate ? "freshness at a fixed rate" : "freshness at half capacity")
                  + ": acknowledged to visible, p50",
              round1(h.getValueAtPercentile(50) / 1e6),
              "ms",
              details));
      progress.detail(
          String.format(
              Locale.ROOT,
              "'%s': p50 %.1f ms, p99 %.1f ms",
              view,
              h.getValueAtPercentile(50) / 1e6,
              h.getValueAtPercentile(99) / 1e6));
    }
  }

  /** The freshness run's warm-up and measured time, and how long it waited for quiet first. */
  private record FreshnessRun(Duration warmUp, Duration measure, Duration waitedForQuiet) {}

  /** The freshness run's rate: half of the capacity just measured, unless the run fixes one. */
  private static double freshnessRate(BenchContext context, double capacity) {
    int fixed = context.options().freshnessRate();
    return fixed > 0 ? fixed : capacity / 2;
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
