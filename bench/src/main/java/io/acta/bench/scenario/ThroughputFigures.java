package io.acta.bench.scenario;

import io.acta.bench.load.LoadResult;
import io.acta.bench.report.Measurement;
import io.acta.bench.report.Ratio;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Turns interleaved load results into the report's figures: one measurement per target, ratios
 * between them.
 */
final class ThroughputFigures {
  private ThroughputFigures() {}

  /** Throughput over all rounds, latency percentiles of all rounds' commands together. */
  static Measurement measurement(String subject, String unit, List<LoadResult> rounds) {
    long completed = 0;
    long errors = 0;
    double seconds = 0;
    double cpuSeconds = 0;
    Histogram all = new Histogram(3);
    for (LoadResult r : rounds) {
      completed += r.completed();
      errors += r.errors();
      seconds += r.seconds();
      cpuSeconds = cpuSeconds < 0 || r.cpuSeconds() < 0 ? -1 : cpuSeconds + r.cpuSeconds();
      all.add(r.latencyNanos());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("p50 ms", all.getValueAtPercentile(50) / 1e6);
    details.put("p99 ms", all.getValueAtPercentile(99) / 1e6);
    details.put("max ms", all.getMaxValue() / 1e6);
    if (cpuSeconds >= 0 && completed > 0)
      details.put("CPU µs/command", cpuSeconds * 1e6 / completed);
    details.put("completed", completed);
    details.put("errors", errors);
    details.put("rounds", rounds.stream().map(LoadResult::throughput).map(Math::round).toList());
    return new Measurement(subject, "throughput", completed / seconds, unit, details);
  }

  /** {@code acta}'s throughput divided by {@code reference}'s, overall and per round. */
  static Ratio ratio(String label, List<LoadResult> acta, List<LoadResult> reference) {
    List<Double> perRound = new ArrayList<>();
    for (int i = 0; i < Math.min(acta.size(), reference.size()); i++) {
      perRound.add(acta.get(i).throughput() / reference.get(i).throughput());
    }
    return new Ratio(
        label,
        overall(acta) / overall(reference),
        perRound,
        "above 1: Acta handles more per second");
  }

  private static double overall(List<LoadResult> rounds) {
    return rounds.stream().mapToLong(LoadResult::completed).sum()
        / rounds.stream().mapToDouble(LoadResult::seconds).sum();
  }
}
