package io.acta.bench.report;

import java.util.List;

/**
 * What one scenario measured.
 *
 * @param id the scenario's id, e.g. "throughput-in-memory"
 * @param title a one-line description
 * @param issueScenarios the numbers of the scenarios of issue 7 it covers, e.g. ["1", "2", "4"]
 * @param measurements the absolute figures, Acta's and its references'
 * @param ratios Acta against each reference
 * @param notes what limits or qualifies the figures
 * @param seconds how long the scenario took, set-up included
 */
public record ScenarioResult(
    String id,
    String title,
    List<String> issueScenarios,
    List<Measurement> measurements,
    List<Ratio> ratios,
    List<String> notes,
    double seconds) {

  public ScenarioResult {
    issueScenarios = List.copyOf(issueScenarios);
    measurements = List.copyOf(measurements);
    ratios = List.copyOf(ratios);
    notes = List.copyOf(notes);
  }
}
