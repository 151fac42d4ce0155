package io.acta.api.topic;

import io.acta.api.view.ViewEvent;
import java.util.Optional;

/**
 * What a {@link Publication} publishes for one event: its public message, or nothing for an event
 * that stays private (the publication moves past it all the same).
 *
 * @param <E> the source entity type's event type
 * @param <M> the publication's message type
 */
@FunctionalInterface
public interface MessageMapper<E, M> {

  /** The public message of {@code event}, or empty to publish nothing for it. */
  Optional<? extends M> toMessage(ViewEvent<E> event);
}
