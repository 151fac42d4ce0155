package io.acta.bench;

import io.acta.bench.report.BenchReport;
import io.acta.bench.report.JsonReport;
import io.acta.bench.report.MarkdownReport;
import io.acta.bench.report.ScenarioResult;
import io.acta.bench.scenario.BenchContext;
import io.acta.bench.scenario.Findings;
import io.acta.bench.scenario.Scenario;
import io.acta.bench.scenario.Scenarios;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmark suite and writes {@code results.md} and {@code results.json}. Arguments: see
 * {@link BenchOptions}. Run it with {@code mvn -B -ntp -pl bench -Pbench package} (BENCHMARKS.md).
 *
 * <p>A scenario that fails is reported as failed and the run goes on; the exit code is then 1.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    Progress progress = new Progress(System.out);
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long t0 = System.nanoTime();
    Map<String, Object> machine = MachineInfo.describe();
    Map<String, String> versions = Versions.found();
    progress.info("Acta bench, mode " + options.mode() + ": " + machine);

    List<ScenarioResult> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try (BenchContext context = new BenchContext(options, progress, versions)) {
      for (Scenario scenario : selected(options)) {
        progress.scenario(scenario.id(), scenario.title());
        long s0 = System.nanoTime();
        try {
          Findings f = scenario.run(context);
          results.add(
              new ScenarioResult(
                  scenario.id(),
                  scenario.title(),
                  scenario.issueScenarios(),
                  f.measurements(),
                  f.ratios(),
                  f.notes(),
                  (System.nanoTime() - s0) / 1e9));
        } catch (Exception | Error e) {
          failures.add(scenario.id() + ": " + e);
          progress.step("FAILED: " + e);
          e.printStackTrace(System.out);
        }
        progress.endScenario();
      }
    }
    machine.put("load average at end", MachineInfo.loadAverage());
    String command =
        "mvn -B -ntp -pl bench -Pbench package -Dbench.args=\"" + options.arguments() + "\"";
    BenchReport report =
        new BenchReport(
            started.toString(),
            options.mode(),
            command,
            machine,
            versions,
            results,
            failures,
            (System.nanoTime() - t0) / 1e9);
    Path md = options.out().resolve("results.md");
    Path json = options.out().resolve("results.json");
    MarkdownReport.write(report, md);
    JsonReport.write(report, json);
    progress.info("wrote " + md.toAbsolutePath() + " and " + json.toAbsolutePath());
    System.out.println();
    System.out.println(MarkdownReport.render(report));
    // Pekko, Axon and driver threads may linger; the results are written, so leave now.
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  private static List<Scenario> selected(BenchOptions options) {
    return Scenarios.all().stream()
        .filter(
            s ->
                options.only().isEmpty()
                    || options.only().contains(s.id())
                    || s.issueScenarios().stream().anyMatch(options.only()::contains))
        .filter(s -> !(options.skipCassandra() && s.needsCassandra()))
        .toList();
  }
}
