package io.acta.bench.report;

import java.util.List;

/**
 * Acta's figure divided by its reference's from the same run.
 *
 * @param label what is divided by what, e.g. "Acta ÷ raw Pekko, commands/s (in-memory)"
 * @param value the ratio over the whole measurement (all rounds together)
 * @param perRound the ratio of each interleaved round alone, showing how stable it is; empty when
 *     not measured in rounds
 * @param reading how to read it, e.g. "above 1: Acta faster"
 */
public record Ratio(String label, double value, List<Double> perRound, String reading) {

  public Ratio {
    perRound = List.copyOf(perRound);
  }
}
