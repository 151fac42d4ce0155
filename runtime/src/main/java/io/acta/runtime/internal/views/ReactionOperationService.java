package io.acta.runtime.internal.views;

import io.acta.api.reaction.ReactionOperations;
import io.acta.api.reaction.ReactionType;
import io.acta.api.view.ProjectionStatus;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ReactionOperations} on the engine. */
public final class ReactionOperationService implements ReactionOperations {
  private static final Logger log = LoggerFactory.getLogger(ReactionOperationService.class);

  private final ViewEngine engine;

  public ReactionOperationService(ViewEngine engine) {
    this.engine = engine;
  }

  @Override
  public List<ProjectionStatus> status() {
    return engine.reactionStatus();
  }

  @Override
  public List<ProjectionStatus> latestStatus() {
    return engine.latestReactionStatus();
  }

  @Override
  public CompletionStage<Void> skip(
      ReactionType<?> reaction, String persistenceId, long sequenceNr) {
    engine.requireReaction(reaction);
    log.warn(
        "Operator skip: reaction '{}' will pass over {} #{}",
        reaction.name(),
        persistenceId,
        sequenceNr);
    return engine
        .storage()
        .skip(ViewProjections.reactionStorage(reaction.name()), persistenceId, sequenceNr);
  }
}
