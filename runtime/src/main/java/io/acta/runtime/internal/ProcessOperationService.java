package io.acta.runtime.internal;

import io.acta.api.entity.EntityType;
import io.acta.api.process.ProcessInFlight;
import io.acta.api.process.ProcessOperations;
import io.acta.api.process.StuckProcess;
import io.acta.api.spi.EntityLogic;
import io.acta.runtime.internal.entity.ProcessControl;
import io.acta.runtime.internal.serialization.ActaSetup;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@link ProcessOperations} of a node: its own stuck processes, and retries and abandons sent to a
 * process wherever it runs, through sharding like any command.
 */
public final class ProcessOperationService implements ProcessOperations {
  private final NodeRuntime runtime;

  public ProcessOperationService(NodeRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public List<StuckProcess> stuck() {
    return ActaSetup.of(runtime.system().classicSystem()).processes().stuck();
  }

  @Override
  public List<ProcessInFlight> inFlight() {
    return ActaSetup.of(runtime.system().classicSystem()).processes().inFlight();
  }

  @Override
  public CompletionStage<Void> retry(String processType, String processId) {
    return process(processType, processId)
        .control(ProcessControl.Retry.INSTANCE)
        .thenApply(state -> null);
  }

  @Override
  public CompletionStage<Void> abandon(String processType, String processId, String reason) {
    if (reason == null || reason.isBlank())
      throw new IllegalArgumentException("an abandon needs a reason, for the process's event");
    return process(processType, processId)
        .control(new ProcessControl.Abandon(reason))
        .thenApply(state -> null);
  }

  private ShardedEntityRef<?> process(String processType, String processId) {
    EntityType<?, ?, ?> type =
        runtime
            .entityType(processType)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown entity type '" + processType + "'"));
    if (!new EntityLogic<>(type).isProcess())
      throw new IllegalArgumentException("'" + processType + "' is not a process type");
    return (ShardedEntityRef<?>) runtime.entityRef(processType, processId);
  }
}
