package io.acta.runtime.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The latency and outcome of the commands sent to one entity type, as callers see them: {@code
 * acta.commands{entity_type, outcome = accepted | rejected | failed | unavailable | timeout}}.
 */
final class CommandMetrics {
  final Timer accepted;
  final Timer rejected;
  final Timer failed;
  final Timer unavailable;
  final Timer timeout;

  CommandMetrics(MeterRegistry registry, String entityType) {
    accepted = timer(registry, entityType, "accepted");
    rejected = timer(registry, entityType, "rejected");
    failed = timer(registry, entityType, "failed");
    unavailable = timer(registry, entityType, "unavailable");
    timeout = timer(registry, entityType, "timeout");
  }

  private static Timer timer(MeterRegistry registry, String entityType, String outcome) {
    return Timer.builder("acta.commands")
        .description("Commands sent to entities, by outcome")
        .tag("entity_type", entityType)
        .tag("outcome", outcome)
        .publishPercentiles(0.5, 0.99)
        .register(registry);
  }
}
