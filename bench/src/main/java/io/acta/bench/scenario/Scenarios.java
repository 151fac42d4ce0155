package io.acta.bench.scenario;

import java.util.List;

/** The suite, in run order: in-memory scenarios first, then those on the one Cassandra server. */
public final class Scenarios {
  private Scenarios() {}

  public static List<Scenario> all() {
    return List.of(
        new InMemoryThroughputScenario(),
        new RecoveryScenario(false),
        new HeapScenario(),
        new HttpScenario(),
        new CassandraThroughputScenario(),
        new TransferScenario(),
        new RecoveryScenario(true),
        new ProjectionCatchUpScenario(),
        new LiveUpdatesScenario(),
        new ServiceScenario(),
        new KafkaScenario());
  }
}
