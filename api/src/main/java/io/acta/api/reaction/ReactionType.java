package io.acta.api.reaction;

import io.acta.api.entity.EntityType;
import io.acta.api.view.ViewEvent;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named reaction to one entity type's events. The name is stored (it names the reaction's offsets
 * and progress, and is part of each command's idempotency key): keep it when the code changes.
 *
 * @param name lower-case letters, digits, '-' and '_', starting with a letter
 * @param source the entity type whose events it reacts to
 * @param reaction what each event leads to
 * @param <E> the source entity type's event type
 */
public record ReactionType<E>(String name, EntityType<?, E, ?> source, Reaction<E> reaction) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,47}");

  public ReactionType {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reaction, "reaction");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "reaction name '"
              + name
              + "' must start with a lower-case letter and hold"
              + " only lower-case letters, digits, '-' and '_' (at most 48)");
    }
  }

  /**
   * The idempotency key of command {@code index} (from 0) of those this reaction sends for {@code
   * event}: {@code <reaction>|<persistence id>#<sequence number>}, with {@code /<index>} after it
   * from the second command on. The same at every redelivery of the event, and distinct across
   * reactions and events, so that a target applies each command once.
   */
  public String keyOf(ViewEvent<?> event, int index) {
    return name
        + "|"
        + event.persistenceId()
        + "#"
        + event.sequenceNr()
        + (index == 0 ? "" : "/" + index);
  }

  /** A reaction named {@code name} to {@code source}'s events. */
  public static <E> ReactionType<E> of(
      String name, EntityType<?, E, ?> source, Reaction<E> reaction) {
    return new ReactionType<>(name, source, reaction);
  }
}
