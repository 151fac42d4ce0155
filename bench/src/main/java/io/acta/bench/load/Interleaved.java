package io.acta.bench.load;

import io.acta.bench.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Measures several targets under the same load in interleaved rounds (A, B, C, then B, C, A, ...),
 * so that slow drifts of the machine (other work, thermal state, a growing journal) hit every
 * target alike, and the order within a round does not favour one of them.
 */
public final class Interleaved {
  private Interleaved() {}

  /** Each target's results, one per round, keyed by target name in the order given. */
  public static Map<String, List<LoadResult>> run(
      List<? extends CommandTarget> targets, LoadShape shape, Progress progress)
      throws InterruptedException {
    return run(targets, shape, OptionalLong.empty(), progress);
  }

  /**
   * As {@link #run(List, LoadShape, Progress)}, measuring the CPU time of process {@code serverPid}
   * (the store's server) in each measurement too.
   */
  public static Map<String, List<LoadResult>> run(
      List<? extends CommandTarget> targets,
      LoadShape shape,
      OptionalLong serverPid,
      Progress progress)
      throws InterruptedException {
    Map<String, List<LoadResult>> results = new LinkedHashMap<>();
    targets.forEach(t -> results.put(t.name(), new ArrayList<>()));
    for (int round = 0; round < shape.rounds(); round++) {
      progress.step("round " + (round + 1) + " of " + shape.rounds());
      for (int i = 0; i < targets.size(); i++) {
        CommandTarget target = targets.get((i + round) % targets.size());
        LoadResult result = ClosedLoopDriver.run(target, shape, serverPid, progress);
        progress.detail(
            String.format(
                Locale.ROOT,
                "%s: %,.0f commands/s, p50 %.2f ms, p99 %.2f ms, %.0f CPU µs/command%s, %d errors",
                target.name(),
                result.throughput(),
                result.latencyNanos().getValueAtPercentile(50) / 1e6,
                result.latencyNanos().getValueAtPercentile(99) / 1e6,
                result.cpuMicrosPerCommand(),
                result.serverCpuSeconds() < 0
                    ? ""
                    : String.format(
                        Locale.ROOT, " (server %.0f)", result.serverCpuMicrosPerCommand()),
                result.errors()));
        results.get(target.name()).add(result);
      }
    }
    return results;
  }
}
