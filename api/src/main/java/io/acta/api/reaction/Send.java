package io.acta.api.reaction;

import io.acta.api.entity.EntityType;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.ReplyType;
import java.util.Objects;
import java.util.function.Function;

/**
 * One command a {@link Reaction} sends: to entity {@code entityId} of {@code type}, built by {@code
 * command} from the idempotency key the runtime derives from the event. The command must implement
 * {@link Idempotent} and carry that key, so that a redelivered event is recognised at the target.
 *
 * @param type the entity type addressed
 * @param entityId the entity addressed
 * @param command builds the command from its idempotency key
 * @param <R> the command's reply type
 */
public record Send<R>(
    EntityType<?, ?, ?> type, String entityId, Function<String, ? extends ReplyType<R>> command) {
  public Send {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(command, "command");
  }

  /** A command to entity {@code entityId} of {@code type}, built from its idempotency key. */
  public static <R> Send<R> to(
      EntityType<?, ?, ?> type, String entityId, Function<String, ? extends ReplyType<R>> command) {
    return new Send<>(type, entityId, command);
  }
}
