package io.acta.bench.scenario;

import java.util.List;

/** The suite, in run order. Add new scenarios here (HTTP and projection scenarios are next). */
public final class Scenarios {
  private Scenarios() {}

  public static List<Scenario> all() {
    return List.of(
        new InMemoryThroughputScenario(),
        new RecoveryScenario(false),
        new HeapScenario(),
        new CassandraThroughputScenario(),
        new RecoveryScenario(true));
  }
}
