package io.acta.api.entity;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What an entity decided to do with a command, made with {@link EventSourcedEntity#effects()}:
 * persist events, reply, reject, or nothing; and then run side effects once the events are stored.
 *
 * <p>Effects are immutable; each {@code then…} returns a new effect.
 *
 * @param <E> the entity's event type
 * @param <S> the entity's state type
 */
public interface Effect<E, S> {

  /**
   * Replies to {@code command} once the events are persisted, with a value computed from the new
   * state. Passing the command lets the compiler check the reply against the command's {@link
   * ReplyType}.
   */
  <R> Effect<E, S> thenReply(ReplyType<R> command, Function<? super S, ? extends R> reply);

  /**
   * Runs {@code sideEffect} with the new state after the events are persisted (and before the reply
   * is sent). Not run when the command is rejected, nor on recovery, nor on an idempotent repeat.
   */
  Effect<E, S> thenRun(Consumer<? super S> sideEffect);
}
