package io.acta.runtime.internal.entity;

import io.acta.api.process.ProcessInFlight;
import io.acta.api.process.StuckProcess;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
  private final Map<String, ProcessInFlight> inFlight = new ConcurrentHashMap<>();
  private final Set<String> gauged = ConcurrentHashMap.newKeySet();
  private final Map<String, Timer> stepTimers = new ConcurrentHashMap<>();

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

  /**
   * {@code acta.process.steps}: from a step's first ask to the answer that ends it, retries
   * included — what a step adds to a process's time. One per type and outcome, built once rather
   * than looked up by every process that starts.
   */
  Timer stepTimer(String processType, String outcome) {
    return stepTimers.computeIfAbsent(
        processType + "/" + outcome,
        k ->
            Timer.builder("acta.process.steps")
                .description("Process steps, from their first ask to the answer that ends them")
                .tag("entity_type", processType)
                .tag("outcome", outcome)
                .publishPercentiles(0.5, 0.99)
                .register(meters));
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

  /** The processes of this node on a step, oldest step first. */
  public List<ProcessInFlight> inFlight() {
    return inFlight.values().stream().sorted(Comparator.comparing(ProcessInFlight::since)).toList();
  }

  /** The process took {@code step}. */
  void stepping(ProcessInFlight step) {
    inFlight.put(step.processType() + "|" + step.processId(), step);
  }

  /** The process of {@code persistenceId} finished, or left this node. */
  void gone(String persistenceId) {
    inFlight.remove(persistenceId);
    stuck.remove(persistenceId);
  }

  private long count(String processType) {
    return stuck.values().stream().filter(p -> p.processType().equals(processType)).count();
  }
}
