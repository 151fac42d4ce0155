package io.acta.api.process;

import java.time.Instant;
import java.util.Objects;

/**
 * A process this node hosts that has not finished, and the step it is on: listed by {@link
 * ProcessOperations#inFlight()}.
 *
 * @param processType the process's entity type
 * @param processId its entity id
 * @param step {@code ask <type>|<id>}, {@code wait until <due>} or {@code await a command}
 * @param since when it took this step
 * @param due when its durable timer fires, for a process waiting on one; {@code null} otherwise
 */
public record ProcessInFlight(
    String processType, String processId, String step, Instant since, Instant due) {
  public ProcessInFlight {
    Objects.requireNonNull(processType, "processType");
    Objects.requireNonNull(processId, "processId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(since, "since");
  }
}
