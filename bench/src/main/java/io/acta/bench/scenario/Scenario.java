package io.acta.bench.scenario;

import java.util.List;

/**
 * One benchmark scenario: measures Acta and its reference(s) in the same run and says how they
 * compare. This is the extension point of the suite: a new scenario (HTTP, projections, ...)
 * implements this interface and is listed in {@link Scenarios#all()}; the runner, the progress
 * output and both reports take it from there.
 */
public interface Scenario {

  /** A short stable id, e.g. "throughput-in-memory"; {@code only=<id>} selects it. */
  String id();

  /** A one-line description for the report. */
  String title();

  /** The numbers of the scenarios of issue 7 it covers; {@code only=<number>} selects it. */
  List<String> issueScenarios();

  /**
   * Whether it needs the Cassandra server, which the run then starts once for all such scenarios.
   */
  default boolean needsCassandra() {
    return false;
  }

  /** Runs it. Whatever it starts it also stops, even when it fails. */
  Findings run(BenchContext context) throws Exception;
}
