package io.acta.api.process;

import io.acta.api.entity.EntityType;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.Rejection;
import io.acta.api.entity.ReplyType;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a process does next: ask an entity, wait for a durable timer, wait for a command, or finish.
 * Made by the static factories; {@link EventSourcedProcess#next} returns one for every state.
 *
 * @param <E> the process's event type
 */
public sealed interface Step<E> permits Step.Ask, Step.WaitUntil, Step.AwaitCommand, Step.Finish {

  /**
   * Asks entity {@code entityId} of {@code type} a command, built by {@code command} from the
   * idempotency key the runtime derives from the process and the step. The command must implement
   * {@link Idempotent} and carry that key: a step is sent again until it is answered, and the key
   * makes the entity apply it once. Complete the step with {@link AskBuilder#then}: the events its
   * reply and its rejection become.
   */
  static <R> AskBuilder<R> ask(
      EntityType<?, ?, ?> type, String entityId, Function<String, ? extends ReplyType<R>> command) {
    return new AskBuilder<>(type, entityId, command);
  }

  /**
   * Waits until {@code due}, then persists {@code onDue}: a durable timer, which survives restarts
   * and the loss of the node. A command that moves the process to another state meanwhile cancels
   * it (the next step replaces this one).
   */
  static <E> Step<E> waitUntil(Instant due, E onDue) {
    return new WaitUntil<>(due, onDue);
  }

  /** Nothing to do until a command moves the process on. */
  @SuppressWarnings("unchecked")
  static <E> Step<E> awaitCommand() {
    return (Step<E>) AwaitCommand.INSTANCE;
  }

  /** The process is over: the runtime stops driving it and lets it go from memory. */
  @SuppressWarnings("unchecked")
  static <E> Step<E> finish() {
    return (Step<E>) Finish.INSTANCE;
  }

  /**
   * An ask of another entity, with the events its reply and its rejection become.
   *
   * @param type the entity type asked
   * @param entityId the entity asked
   * @param command builds the command from the step's idempotency key
   * @param onReply the process's event for the entity's reply
   * @param onRejection the process's event for the entity's rejection
   * @param <E> the process's event type
   * @param <R> the reply type of the command
   */
  record Ask<E, R>(
      EntityType<?, ?, ?> type,
      String entityId,
      Function<String, ? extends ReplyType<R>> command,
      Function<? super R, ? extends E> onReply,
      Function<? super Rejection, ? extends E> onRejection)
      implements Step<E> {
    public Ask {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(entityId, "entityId");
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(onReply, "onReply");
      Objects.requireNonNull(onRejection, "onRejection");
    }
  }

  /** The first half of an {@link Ask}: what to ask, and then what its reply becomes. */
  final class AskBuilder<R> {
    private final EntityType<?, ?, ?> type;
    private final String entityId;
    private final Function<String, ? extends ReplyType<R>> command;

    private AskBuilder(
        EntityType<?, ?, ?> type,
        String entityId,
        Function<String, ? extends ReplyType<R>> command) {
      this.type = Objects.requireNonNull(type, "type");
      this.entityId = Objects.requireNonNull(entityId, "entityId");
      this.command = Objects.requireNonNull(command, "command");
    }

    /**
     * The complete step: the process's event for the entity's reply, and the one for its rejection.
     * (One call with both, so that the compiler infers the process's event type from where the step
     * is returned.)
     */
    public <E> Ask<E, R> then(
        Function<? super R, ? extends E> onReply,
        Function<? super Rejection, ? extends E> onRejection) {
      return new Ask<>(type, entityId, command, onReply, onRejection);
    }
  }

  /**
   * A durable timer.
   *
   * @param due when it fires
   * @param onDue the process's event when it fires
   * @param <E> the process's event type
   */
  record WaitUntil<E>(Instant due, E onDue) implements Step<E> {
    public WaitUntil {
      Objects.requireNonNull(due, "due");
      Objects.requireNonNull(onDue, "onDue");
    }
  }

  /** Waiting for a command. */
  enum AwaitCommand implements Step<Object> {
    INSTANCE
  }

  /** The process is over. */
  enum Finish implements Step<Object> {
    INSTANCE
  }
}
