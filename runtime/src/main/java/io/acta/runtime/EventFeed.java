package io.acta.runtime;

import io.acta.api.entity.EntityType;
import io.acta.api.view.ViewEvent;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * A named feed of one entity type's events to a system outside the cluster, such as a Kafka topic:
 * the journal is the outbox, so publishing never needs a second write beside the entity's own.
 * {@link Projections#withFeeds} runs it like a reaction: one projection per slice of the source,
 * spread over the nodes with the projections role, offsets and per-entity progress in the store.
 *
 * <p>Delivery is at least once, in order per entity, and misses no event: each group of a slice's
 * events goes to {@link Delivery#deliver} in one call, in journal order per entity; the offset is
 * stored once the returned stage completes. After a crash the group is delivered again (consumers
 * deduplicate by persistence id and sequence number). A failing group is retried, then the feed
 * stops at it until the cause is fixed or an operator skips the event ({@link FeedOperations}).
 *
 * @param name lower-case letters, digits, '-' and '_', starting with a letter; names its offsets
 * @param source the entity type whose events it feeds
 * @param delivery hands a group over and completes when the outside system has it
 * @param <E> the source entity type's event type
 */
public record EventFeed<E>(String name, EntityType<?, E, ?> source, Delivery<E> delivery) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,47}");

  public EventFeed {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(delivery, "delivery");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "feed name '"
              + name
              + "' must start with a lower-case letter and hold"
              + " only lower-case letters, digits, '-' and '_' (at most 48)");
    }
  }

  /** A feed named {@code name} of {@code source}'s events. */
  public static <E> EventFeed<E> of(String name, EntityType<?, E, ?> source, Delivery<E> delivery) {
    return new EventFeed<>(name, source, delivery);
  }

  /**
   * Hands a group of events over.
   *
   * @param <E> the source entity type's event type
   */
  @FunctionalInterface
  public interface Delivery<E> {

    /**
     * Hands {@code events} (one slice's, in journal order per entity, never empty) over; the feed's
     * offset moves past them when the stage completes. Fail with a {@link FeedDeliveryException} to
     * name the event at fault, so that an operator can skip it.
     */
    CompletionStage<Void> deliver(List<ViewEvent<E>> events);
  }
}
