package io.acta.runtime;

import io.acta.api.entity.Acknowledged;
import io.acta.api.entity.ReplyType;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A handle on one entity, wherever in the cluster it runs. Cheap to create; safe to share.
 *
 * <p>{@link #ask} completes with the entity's reply, or exceptionally with {@link
 * io.acta.api.entity.CommandRejectedException} (at once, when the entity refuses), {@link
 * io.acta.api.entity.CommandTimeoutException} (no reply within the timeout), {@link
 * io.acta.api.entity.EntityFailureException} (a fault in the entity's code or its store) or {@link
 * io.acta.api.entity.EntityUnavailableException} (at once, when the entity's node is fencing itself
 * after a long pause: retry elsewhere with the same idempotency key).
 *
 * @param <C> the entity type's command type
 */
public interface EntityRef<C extends ReplyType<?>> {

  /** The entity type's name. */
  String entityType();

  /** The entity's id. */
  String entityId();

  /**
   * Sends a command and completes with its reply, within the type's ask timeout.
   *
   * @throws IllegalArgumentException at once when the command is not one of this entity type's
   */
  <R> CompletionStage<R> ask(ReplyType<R> command);

  /** As {@link #ask(ReplyType)}, with another timeout. */
  <R> CompletionStage<R> ask(ReplyType<R> command, Duration timeout);

  /**
   * As {@link #ask(ReplyType)}, with the write position of the command, to read one's own writes
   * from views ({@code Projections.get(view, key, position, timeout)}).
   */
  <R> CompletionStage<Acknowledged<R>> askWithPosition(ReplyType<R> command);

  /**
   * The entity's current state (an instance of its type's state class), recovering it if needed.
   */
  CompletionStage<Object> state();

  /**
   * Sends a command without waiting for its outcome: fire and forget, at most once. Prefer {@link
   * #ask} with an idempotency key when the command must take effect.
   */
  void tell(ReplyType<?> command);
}
