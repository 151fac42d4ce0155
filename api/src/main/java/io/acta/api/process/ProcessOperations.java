package io.acta.api.process;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Operating processes: those that cannot progress, and an operator's two answers to one — try its
 * step again now, or abandon the step. For operators and their tools; reached through the node.
 */
public interface ProcessOperations {

  /**
   * The processes hosted by this node that cannot progress, oldest first: an ask unanswered (or
   * failed) several times in a row, or a step that cannot be made at all. Each node lists its own;
   * the metric {@code acta.processes.stuck} sums them per node. No I/O.
   */
  List<StuckProcess> stuck();

  /**
   * The processes this node hosts (in memory) that have not finished, with their current step,
   * those waiting on a durable timer with when it is due; oldest step first. Each node lists its
   * own. No I/O.
   */
  List<ProcessInFlight> inFlight();

  /**
   * Makes process {@code processId} of type {@code processType} try its current step again now,
   * wherever in the cluster it runs: an unanswered ask is sent again at once (with the same
   * idempotency key) and its backoff starts over; a step that could not be made (its {@code next}
   * threw, say, before a fix was deployed) is computed again. Fails with a rejection when the
   * process is not stuck.
   */
  CompletionStage<Void> retry(String processType, String processId);

  /**
   * Gives up the ask process {@code processId} of type {@code processType} is waiting on: the
   * step's own rejection mapping turns {@code Rejection.conflict("abandoned by an operator: " +
   * reason)} into the process's event, which is persisted and which the process goes on from — its
   * compensation, if it has one for that step. An answer of the entity asked that comes later is
   * dropped. Use it for an entity that will never answer: the entity asked may still have applied
   * the command before. Fails with a rejection when the process is not waiting on an ask.
   */
  CompletionStage<Void> abandon(String processType, String processId, String reason);
}
