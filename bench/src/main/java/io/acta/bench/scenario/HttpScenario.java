package io.acta.bench.scenario;

import io.acta.bench.acta.ActaTarget;
import io.acta.bench.acta.BenchNodes;
import io.acta.bench.http.HttpTarget;
import io.acta.bench.load.CommandTarget;
import io.acta.bench.load.Interleaved;
import io.acta.bench.load.LoadResult;
import io.acta.bench.load.LoadShape;
import io.acta.bench.load.OpenLoopDriver;
import io.acta.bench.load.OpenLoopResult;
import io.acta.bench.report.Measurement;
import io.acta.bench.report.Ratio;
import io.acta.examples.ledger.Account;
import io.acta.http.HttpApi;
import io.acta.runtime.ActaNode;
import io.acta.runtime.spi.InMemoryData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario 5: deposits through Acta's HTTP API over loopback against the same deposits sent
 * in-process ({@code EntityRef.ask}) to the same node. First both at full speed (closed loop) for
 * their capacity; then both at fixed arrival rates, fractions of the HTTP API's capacity, with the
 * coordinated-omission-aware {@link OpenLoopDriver}. The node runs on the in-memory store, so that
 * the figures show the cost of the HTTP layer, not of Cassandra.
 */
final class HttpScenario implements Scenario {
  static final String IN_PROCESS = "Acta in-process (in-memory)";
  static final String HTTP = "Acta over HTTP (in-memory)";

  @Override
  public String id() {
    return "http";
  }

  @Override
  public String title() {
    return "HTTP commands over loopback at fixed arrival rates, against in-process";
  }

  @Override
  public List<String> issueScenarios() {
    return List.of("5");
  }

  @Override
  public Findings run(BenchContext context) throws Exception {
    var options = context.options();
    var progress = context.progress();
    String storeId = "bench-http-" + UUID.randomUUID();
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      progress.step(
          "starting an Acta node on the in-memory store with the HTTP API on 127.0.0.1 (a free"
              + " port)");
      // Health checks (Pekko Management) are off: they would bind a second, non-loopback port.
      ActaNode node =
          ActaNode.builder("bench-http")
              .entity(Account.TYPE)
              .with(HttpApi.builder().host("127.0.0.1").port(0).build())
              .store("in-memory")
              .config(BenchNodes.COMMON)
              .config(
                  "acta.persistence.in-memory.store-id = \""
                      + storeId
                      + "\"\nacta.http.management = off")
              .start();
      resources.add(node);
      var address = node.extension(HttpApi.class).boundAddress();
      progress.detail("HTTP API at http://127.0.0.1:" + address.getPort());
      ActaTarget inProcess = new ActaTarget(IN_PROCESS, node, "inproc-");
      HttpTarget http = new HttpTarget(HTTP, address, "http-");
      resources.add(http);
      List<CommandTarget> targets = List.of(inProcess, http);
      Targets.prepare(targets, options.shape().accounts(), progress);

      LoadShape closed =
          new LoadShape(
              options.shape().accounts(),
              options.shape().clients(),
              options.shape().warmup(),
              options.shape().measure(),
              1);
      progress.step("capacity, closed loop: " + closed);
      Map<String, List<LoadResult>> capacity = Interleaved.run(targets, closed, progress);
      double httpCapacity = capacity.get(HTTP).get(0).throughput();

      Findings findings = new Findings();
      capacity.forEach(
          (name, rounds) ->
              findings.add(ThroughputFigures.measurement(name, "commands/s", rounds)));
      findings.add(
          new Ratio(
              "HTTP ÷ in-process, commands/s at full speed (closed loop, in-memory)",
              capacity.get(HTTP).get(0).throughput() / capacity.get(IN_PROCESS).get(0).throughput(),
              List.of(),
              "the share of in-process throughput left over HTTP; 1: the HTTP layer costs"
                  + " nothing"));

      for (int r = 0; r < options.rateFractions().size(); r++) {
        double fraction = options.rateFractions().get(r);
        double rate = Math.max(10, Math.round(httpCapacity * fraction / 10) * 10.0);
        progress.step(
            String.format(
                Locale.ROOT,
                "open loop at %,.0f commands/s (%.0f %% of the HTTP API's capacity)",
                rate,
                fraction * 100));
        Map<String, OpenLoopResult> atRate = new LinkedHashMap<>();
        // Alternate which goes first, as the interleaved closed-loop rounds do.
        List<CommandTarget> order = r % 2 == 0 ? targets : List.of(http, inProcess);
        for (CommandTarget t : order) {
          OpenLoopResult result =
              OpenLoopDriver.run(
                  t,
                  rate,
                  options.shape().accounts(),
                  options.openLoopWarmup(),
                  options.openLoopMeasure(),
                  progress);
          progress.detail(
              String.format(
                  Locale.ROOT,
                  "%s: %,.0f commands/s achieved, p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d errors",
                  t.name(),
                  result.throughput(),
                  ms(result, 50),
                  ms(result, 99),
                  result.latencyNanos().getMaxValue() / 1e6,
                  result.errors()));
          atRate.put(t.name(), result);
        }
        String at = String.format(Locale.ROOT, "at %,.0f/s", rate);
        findings.add(openLoop(IN_PROCESS, fraction, atRate.get(IN_PROCESS)));
        findings.add(openLoop(HTTP, fraction, atRate.get(HTTP)));
        for (int p : new int[] {50, 99}) {
          findings.add(
              new Ratio(
                  "HTTP ÷ in-process, p" + p + " latency " + at + " (open loop, in-memory)",
                  ms(atRate.get(HTTP), p) / ms(atRate.get(IN_PROCESS), p),
                  List.of(),
                  "above 1: HTTP answers more slowly; the latency the HTTP layer adds"));
        }
      }

      findings.note(
          "Each command is a deposit of 1 EUR to one of "
              + options.shape().accounts()
              + " accounts, persisting one event in the in-memory journal; in-process through"
              + " EntityRef.ask, over HTTP as POST /api/account/{id}/deposit with a JSON body,"
              + " answered 200 with the new balance. Both go to the same node, one after the"
              + " other.");
      findings.note(
          "Capacity: "
              + options.shape().clients()
              + " commands outstanding (closed loop), "
              + closed.warmup().toSeconds()
              + " s warm-up + "
              + closed.measure().toSeconds()
              + " s each. The fixed rates are "
              + options.rateFractions().stream().map(f -> Math.round(f * 100) + " %").toList()
              + " of the HTTP API's capacity measured just before; both are driven at each rate for"
              + " "
              + options.openLoopWarmup().toSeconds()
              + " s unrecorded + "
              + options.openLoopMeasure().toSeconds()
              + " s.");
      findings.note(
          "Open loop: commands leave on a fixed schedule whether or not earlier ones were answered,"
              + " and each latency runs from the command's intended send time (coordinated omission"
              + " corrected), recorded in HdrHistogram. At most "
              + OpenLoopDriver.MAX_IN_FLIGHT
              + " are outstanding; a sender held up by that, or by the CPU, charges the wait to the"
              + " commands it sends late. 'achieved' is answered commands per second; below the"
              + " target rate means the target fell behind.");
      findings.note(
          "The HTTP client is the JDK's java.net.http.HttpClient (HTTP/1.1, keep-alive, 2 threads)"
              + " in the same JVM, on the same 2 cores as the server: its own CPU time counts"
              + " against the HTTP figures.");
      return findings;
    } finally {
      Targets.closeAll(resources, progress);
      InMemoryData.of(storeId).drop();
    }
  }

  private static double ms(OpenLoopResult result, double percentile) {
    return result.latencyNanos().getValueAtPercentile(percentile) / 1e6;
  }

  private static Measurement openLoop(String subject, double fraction, OpenLoopResult result) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("p50 ms", ms(result, 50));
    details.put("p99 ms", ms(result, 99));
    details.put("max ms", result.latencyNanos().getMaxValue() / 1e6);
    details.put("completed", result.completed());
    details.put("errors", result.errors());
    details.put(
        "target rate",
        String.format(Locale.ROOT, "%,.0f/s (%.0f %%)", result.targetRate(), fraction * 100));
    return new Measurement(
        subject, "open loop, achieved", result.throughput(), "commands/s", details);
  }
}
