package io.acta.api.view;

import io.acta.api.entity.EntityType;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A raw projection: a stable name, the entity type it reads and the handler of its events.
 *
 * @param name lower-case letters, digits, '-' and '_', starting with a letter; names its offsets
 * @param source the entity type whose events it handles
 * @param handler what it does with each event
 * @param <E> the entity type's event type
 */
public record HandlerType<E>(String name, EntityType<?, E, ?> source, EventHandler<E> handler) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,47}");

  public HandlerType {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(handler, "handler");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "handler name '"
              + name
              + "' must start with a lower-case letter and hold"
              + " only lower-case letters, digits, '-' and '_' (at most 48)");
    }
  }

  /** A raw projection of {@code source}'s events. */
  public static <E> HandlerType<E> of(
      String name, EntityType<?, E, ?> source, EventHandler<E> handler) {
    return new HandlerType<>(name, source, handler);
  }
}
