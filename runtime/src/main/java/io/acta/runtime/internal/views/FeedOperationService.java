package io.acta.runtime.internal.views;

import io.acta.api.view.ProjectionStatus;
import io.acta.runtime.FeedOperations;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link FeedOperations} on the engine. */
public final class FeedOperationService implements FeedOperations {
  private static final Logger log = LoggerFactory.getLogger(FeedOperationService.class);

  private final ViewEngine engine;

  public FeedOperationService(ViewEngine engine) {
    this.engine = engine;
  }

  @Override
  public List<ProjectionStatus> status() {
    return engine.feedStatus();
  }

  @Override
  public List<ProjectionStatus> latestStatus() {
    return engine.latestFeedStatus();
  }

  @Override
  public CompletionStage<Void> skip(String feed, String persistenceId, long sequenceNr) {
    engine.requireFeed(feed);
    log.warn("Operator skip: feed '{}' will pass over {} #{}", feed, persistenceId, sequenceNr);
    return engine.storage().skip(ViewProjections.feedStorage(feed), persistenceId, sequenceNr);
  }
}
