package io.acta.bench.scenario;

import io.acta.bench.load.LoadResult;
import io.acta.bench.report.Measurement;
import io.acta.bench.report.Ratio;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Turns interleaved load results into the report's figures: one measurement per target, ratios
 * between them.
 */
final class ThroughputFigures {
  /** The column of the server's CPU time per command; the bench's only server is Cassandra. */
  static final String SERVER_CPU = "Cassandra CPU µs/command";

  private ThroughputFigures() {}

  /** Throughput over all rounds, latency percentiles of all rounds' commands together. */
  static Measurement measurement(String subject, String unit, List<LoadResult> rounds) {
    long completed = 0;
    long errors = 0;
    double seconds = 0;
    Histogram all = new Histogram(3);
    for (LoadResult r : rounds) {
      completed += r.completed();
      errors += r.errors();
      seconds += r.seconds();
      all.add(r.latencyNanos());
    }
    double cpuSeconds = total(rounds, LoadResult::cpuSeconds);
    double serverCpuSeconds = total(rounds, LoadResult::serverCpuSeconds);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("p50 ms", all.getValueAtPercentile(50) / 1e6);
    details.put("p99 ms", all.getValueAtPercentile(99) / 1e6);
    details.put("max ms", all.getMaxValue() / 1e6);
    if (cpuSeconds >= 0 && completed > 0)
      details.put("CPU µs/command", cpuSeconds * 1e6 / completed);
    if (serverCpuSeconds >= 0 && completed > 0)
      details.put(SERVER_CPU, serverCpuSeconds * 1e6 / completed);
    details.put("completed", completed);
    details.put("errors", errors);
    details.put("rounds", rounds.stream().map(LoadResult::throughput).map(Math::round).toList());
    return new Measurement(subject, "throughput", completed / seconds, unit, details);
  }

  /** {@code acta}'s throughput divided by {@code reference}'s, overall and per round. */
  static Ratio ratio(String label, List<LoadResult> acta, List<LoadResult> reference) {
    return ratio(label, acta, reference, "above 1: Acta handles more per second");
  }

  /** As {@link #ratio(String, List, List)}, read as {@code reading} says. */
  static Ratio ratio(
      String label, List<LoadResult> acta, List<LoadResult> reference, String reading) {
    List<Double> perRound = new ArrayList<>();
    for (int i = 0; i < Math.min(acta.size(), reference.size()); i++) {
      perRound.add(acta.get(i).throughput() / reference.get(i).throughput());
    }
    return new Ratio(label, overall(acta) / overall(reference), perRound, reading);
  }

  /**
   * What a fresh idempotency key costs: keyed ÷ unkeyed Acta, commands/s and CPU time per command
   * of this JVM and, when measured, of the server; {@code store} names the store in the labels.
   */
  static List<Ratio> keyedCost(String store, List<LoadResult> keyed, List<LoadResult> unkeyed) {
    List<Ratio> ratios = new ArrayList<>();
    ratios.add(
        ratio(
            "Acta keyed ÷ Acta unkeyed, commands/s (" + store + ")",
            keyed,
            unkeyed,
            "below 1: keyed commands go through more slowly; 1: a key costs no throughput"));
    cpuRatio(
            "Acta keyed ÷ Acta unkeyed, bench JVM CPU µs per command (" + store + ")",
            keyed,
            unkeyed,
            false)
        .ifPresent(ratios::add);
    cpuRatio("Acta keyed ÷ Acta unkeyed, Cassandra server CPU µs per command", keyed, unkeyed, true)
        .ifPresent(ratios::add);
    return ratios;
  }

  /**
   * {@code subject}'s CPU time per command divided by {@code reference}'s, overall and per round:
   * this JVM's ({@code server} false) or the server's; empty when either side's is unknown.
   */
  static Optional<Ratio> cpuRatio(
      String label, List<LoadResult> subject, List<LoadResult> reference, boolean server) {
    ToDoubleFunction<LoadResult> cpu =
        server ? LoadResult::serverCpuSeconds : LoadResult::cpuSeconds;
    if (perCommand(subject, cpu) <= 0 || perCommand(reference, cpu) <= 0) return Optional.empty();
    List<Double> perRound = new ArrayList<>();
    for (int i = 0; i < Math.min(subject.size(), reference.size()); i++) {
      perRound.add(
          perCommand(List.of(subject.get(i)), cpu) / perCommand(List.of(reference.get(i)), cpu));
    }
    return Optional.of(
        new Ratio(
            label,
            perCommand(subject, cpu) / perCommand(reference, cpu),
            perRound,
            "above 1: a command costs more CPU time"));
  }

  /** CPU seconds per command over {@code rounds}; negative when unknown. */
  private static double perCommand(List<LoadResult> rounds, ToDoubleFunction<LoadResult> cpu) {
    double seconds = total(rounds, cpu);
    long completed = rounds.stream().mapToLong(LoadResult::completed).sum();
    return seconds < 0 || completed == 0 ? -1 : seconds / completed;
  }

  /** The sum of a CPU time over {@code rounds}, negative when any round does not know it. */
  private static double total(List<LoadResult> rounds, ToDoubleFunction<LoadResult> cpu) {
    double sum = 0;
    for (LoadResult r : rounds) {
      double v = cpu.applyAsDouble(r);
      if (v < 0) return -1;
      sum += v;
    }
    return sum;
  }

  private static double overall(List<LoadResult> rounds) {
    return rounds.stream().mapToLong(LoadResult::completed).sum()
        / rounds.stream().mapToDouble(LoadResult::seconds).sum();
  }
}
