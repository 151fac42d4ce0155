package io.acta.api.view;

import java.util.concurrent.CompletionStage;

/**
 * The raw form of a projection, for users who keep their own tables: called for each event of one
 * entity type, in order per entity, at least once. An event may come again after a restart (the one
 * after the last stored offset): make the handler idempotent, e.g. by remembering the last sequence
 * number applied per entity, or by idempotent writes.
 *
 * @param <E> the entity type's event type
 */
@FunctionalInterface
public interface EventHandler<E> {

  /**
   * Handles one event; the projection moves on when the stage completes, and retries when it fails.
   */
  CompletionStage<Void> handle(ViewEvent<E> event);
}
