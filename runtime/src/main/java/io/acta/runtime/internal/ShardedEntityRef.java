package io.acta.runtime.internal;

import io.acta.api.entity.Acknowledged;
import io.acta.api.entity.CommandRejectedException;
import io.acta.api.entity.CommandTimeoutException;
import io.acta.api.entity.EntityFailureException;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EntityUnavailableException;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.PersistenceId;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.WritePosition;
import io.acta.api.spi.Outcome;
import io.acta.runtime.EntityRef;
import io.acta.runtime.internal.entity.CommandEnvelope;
import io.acta.runtime.internal.entity.GetState;
import io.acta.runtime.spi.Traces;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * An {@link EntityRef} over a Pekko sharding entity ref: checks commands, and maps outcomes to
 * results.
 */
final class ShardedEntityRef<C extends ReplyType<?>> implements EntityRef<C> {
  private final EntityType<?, ?, ?> type;
  private final String id;
  private final org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<CommandEnvelope> ref;
  private final Duration defaultTimeout;
  private final ActorRef<Outcome> ignore;
  private final CommandMetrics metrics;

  ShardedEntityRef(
      EntityType<?, ?, ?> type,
      String id,
      org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<CommandEnvelope> ref,
      Duration defaultTimeout,
      ActorRef<Outcome> ignore,
      CommandMetrics metrics) {
    this.metrics = metrics;
    this.type = type;
    this.id = id;
    this.ref = ref;
    this.defaultTimeout = defaultTimeout;
    this.ignore = ignore;
  }

  @Override
  public String entityType() {
    return type.name();
  }

  @Override
  public String entityId() {
    return id;
  }

  @Override
  public <R> CompletionStage<R> ask(ReplyType<R> command) {
    return ask(command, defaultTimeout);
  }

  @Override
  public <R> CompletionStage<R> ask(ReplyType<R> command, Duration timeout) {
    return this.<R>askAcknowledged(command, timeout).thenApply(Acknowledged::reply);
  }

  @Override
  public <R> CompletionStage<Acknowledged<R>> askWithPosition(ReplyType<R> command) {
    return askAcknowledged(command, defaultTimeout);
  }

  @Override
  public CompletionStage<Object> state() {
    return this.<Object>send(GetState.INSTANCE, defaultTimeout).thenApply(Acknowledged::reply);
  }

  /**
   * Sends one of the runtime's own commands (an operator's), unchecked; the entity's state back.
   */
  CompletionStage<Object> control(Object command) {
    return this.<Object>send(command, defaultTimeout).thenApply(Acknowledged::reply);
  }

  private <R> CompletionStage<Acknowledged<R>> askAcknowledged(
      ReplyType<R> command, Duration timeout) {
    check(command);
    return send(command, timeout);
  }

  @SuppressWarnings("unchecked")
  private <R> CompletionStage<Acknowledged<R>> send(Object command, Duration timeout) {
    long started = System.nanoTime();
    // The sender's trace goes with the command, to whichever node holds the entity.
    String trace = Traces.traceparent();
    CompletionStage<Outcome> outcome =
        resendable(command)
            ? Resending.ask(
                attempt ->
                    ref.<Outcome>ask(
                        replyTo -> new CommandEnvelope(command, replyTo, trace), attempt),
                timeout,
                System::nanoTime)
            : ref.ask(replyTo -> new CommandEnvelope(command, replyTo, trace), timeout);
    CompletableFuture<Acknowledged<R>> result = new CompletableFuture<>();
    outcome.whenComplete(
        (o, error) -> {
          if (error != null) {
            Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                    ? error.getCause()
                    : error;
            (cause instanceof TimeoutException ? metrics.timeout : metrics.failed)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            result.completeExceptionally(
                cause instanceof TimeoutException
                    ? new CommandTimeoutException(type.name(), id, timeout, cause)
                    : new EntityFailureException(
                        "command to " + type.name() + " '" + id + "' failed: " + cause.getMessage(),
                        cause));
            return;
          }
          (switch (o) {
                case Outcome.Accepted a -> metrics.accepted;
                case Outcome.Rejected r -> metrics.rejected;
                case Outcome.Failed f -> metrics.failed;
                case Outcome.Unavailable u -> metrics.unavailable;
              })
              .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
          switch (o) {
            case Outcome.Accepted a ->
                result.complete(
                    new Acknowledged<>(
                        (R) a.reply(), new WritePosition(type.name(), id, a.sequenceNr())));
            case Outcome.Rejected r ->
                result.completeExceptionally(new CommandRejectedException(r.rejection()));
            case Outcome.Failed f ->
                result.completeExceptionally(new EntityFailureException(f.message()));
            case Outcome.Unavailable u ->
                result.completeExceptionally(new EntityUnavailableException(u.message()));
          }
        });
    return result;
  }

  /**
   * A command with an idempotency key may be sent again: the entity recognizes the key and answers
   * a repeat with the first reply, persisting nothing. Sharding may drop a message it buffered for
   * a shard that is being handed off (a node leaving, a rebalance), and nothing tells the sender:
   * without a resend, the caller would wait out its whole timeout and fail.
   */
  private static boolean resendable(Object command) {
    return command instanceof Idempotent i
        && i.idempotencyKey() != null
        && !i.idempotencyKey().isBlank();
  }

  @Override
  public void tell(ReplyType<?> command) {
    check(command);
    ref.tell(new CommandEnvelope(command, ignore, Traces.traceparent()));
  }

  private void check(Object command) {
    if (command == null) throw new IllegalArgumentException("command must not be null");
    if (!type.accepts(command)) {
      throw new IllegalArgumentException(
          command.getClass().getName()
              + " is not a command of entity type '"
              + type.name()
              + "' (its commands implement "
              + type.classes().commandType().getName()
              + ")");
    }
  }

  @Override
  public String toString() {
    return "EntityRef[" + PersistenceId.of(type.name(), id) + "]";
  }
}
