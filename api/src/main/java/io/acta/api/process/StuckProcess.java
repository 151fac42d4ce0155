package io.acta.api.process;

import java.time.Instant;
import java.util.Objects;

/**
 * A process that cannot progress, as its node last saw it: listed by {@link
 * ProcessOperations#stuck()}, logged at WARN (a step that keeps failing) or ERROR (a step that
 * cannot be made), and counted by the gauge {@code acta.processes.stuck} per process type.
 *
 * @param processType the process's entity type
 * @param processId its entity id
 * @param step what it is trying: {@code ask <type>|<id>}, or {@code next} when its {@link
 *     EventSourcedProcess#next} (or the mapping of a step's answer) fails
 * @param reason the last failure, as the node logged it
 * @param attempts attempts of the step in a row that failed (1 for a step that cannot be made)
 * @param since when the first of those attempts failed
 * @param retrying whether the runtime keeps trying on its own (an unanswered ask, with backoff);
 *     {@code false} when only a fix and an operator's {@link ProcessOperations#retry} can move it
 */
public record StuckProcess(
    String processType,
    String processId,
    String step,
    String reason,
    int attempts,
    Instant since,
    boolean retrying) {
  public StuckProcess {
    Objects.requireNonNull(processType, "processType");
    Objects.requireNonNull(processId, "processId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(since, "since");
  }
}
