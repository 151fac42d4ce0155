package io.acta.api.reaction;

import io.acta.api.view.ViewEvent;
import java.util.List;

/**
 * What an entity type's events lead other entities to do (choreography): for each event, the
 * commands to send, decided from the event alone. The runtime reads the events from the journal
 * (which is the outbox: nothing is sent from inside {@code decide}), in order per source entity,
 * sends each command and waits for its answer before the next event of that entity, and sends again
 * after a failure or a restart: at least once. Each command carries an idempotency key that the
 * runtime derives from the reaction's name and the event's position, the same at every redelivery,
 * so that the target applies it once.
 *
 * <p>A target's rejection is an answer: the reaction logs it and goes on. A failure (the target
 * unreachable, a timeout, this function throwing) is retried; one that persists stops the reaction
 * at that event, reported with its persistence id and sequence number, until it is fixed or an
 * operator skips the event.
 *
 * @param <E> the source entity type's event type
 */
@FunctionalInterface
public interface Reaction<E> {

  /** The commands {@code event} leads to, in the order to send them; empty for none. */
  List<Send<?>> react(ViewEvent<E> event);
}
