package io.acta.runtime.internal.views;

import io.acta.api.view.EventHandler;
import io.acta.api.view.ViewEvent;
import io.acta.runtime.internal.entity.IdempotencyRecorded;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each user event of a slice to a user's {@link EventHandler}; the runtime's own records are
 * passed over.
 */
final class RawHandler<E> extends Handler<EventEnvelope<Object>> {
  private static final Logger log = LoggerFactory.getLogger(RawHandler.class);

  private final String name;
  private final EventHandler<E> handler;

  RawHandler(String name, EventHandler<E> handler) {
    this.name = name;
    this.handler = handler;
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<Object> envelope) {
    if (!IdempotencyRecorded.isUserEvent(envelope.event()))
      return CompletableFuture.completedFuture(Done.getInstance());
    ViewEvent<E> event = Envelopes.toViewEvent(envelope);
    String pid = event.persistenceId();
    CompletionStage<Void> handled;
    try {
      handled = handler.handle(event);
    } catch (RuntimeException e) {
      handled = CompletableFuture.failedFuture(e);
    }
    return handled.handle(
        (ok, error) -> {
          if (error != null) {
            log.error(
                "Handler '{}' failed on {} #{}: {}",
                name,
                pid,
                envelope.sequenceNr(),
                error.toString());
            throw error instanceof RuntimeException r ? r : new CompletionException(error);
          }
          return Done.getInstance();
        });
  }
}
