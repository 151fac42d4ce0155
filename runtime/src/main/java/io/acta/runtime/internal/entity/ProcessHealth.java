package io.acta.runtime.internal.entity;

import io.acta.api.process.StuckProcess;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes of this node that cannot progress, as their drivers report them, and the gauge
 * {@code acta.processes.stuck} per process type. One per node (in its setup); written by process
 * actors, read by operations and metrics on other threads.
 */
public final class ProcessHealth {
  private final MeterRegistry meters;
  private final Map<String, StuckProcess> stuck = new ConcurrentHashMap<>();
  private final Set<String> gauged = ConcurrentHashMap.newKeySet();

  public ProcessHealth(MeterRegistry meters) {
    this.meters = meters;
  }

  /** Publishes the gauge of {@code processType}, at 0 until one of its processes is stuck. */
  public void register(String processType) {
    if (!gauged.add(processType)) return;
    Gauge.builder("acta.processes.stuck", this, h -> h.count(processType))
        .description("Processes on this node that cannot progress (see ProcessOperations.stuck)")
        .tag("entity_type", processType)
        .register(meters);
  }

  /** The stuck processes of this node, oldest first. */
  public List<StuckProcess> stuck() {
    return stuck.values().stream().sorted(Comparator.comparing(StuckProcess::since)).toList();
  }

  void report(StuckProcess process) {
    register(process.processType());
    stuck.put(process.processType() + "|" + process.processId(), process);
  }

  /** The process of {@code persistenceId} progresses again, or left this node. */
  void clear(String persistenceId) {
    stuck.remove(persistenceId);
  }

  private long count(String processType) {
    return stuck.values().stream().filter(p -> p.processType().equals(processType)).count();
  }
}
