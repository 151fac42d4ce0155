package io.acta.api.topic;

import io.acta.api.entity.EntityType;
import io.acta.api.view.ViewEvent;
import java.util.Objects;

/**
 * An entity type's events published to a topic as public messages: a contract with other systems,
 * kept apart from the private events, so that events can change without breaking consumers.
 * Messages are records (or a sealed interface of records) named with {@code @TypeName}, evolving
 * under the rules events follow: a new field is added, never renamed; an incompatible change is a
 * new version, for which consumers register an upcaster.
 *
 * <pre>{@code
 * Publication<AccountEvent, AccountMessage> ACCOUNT_EVENTS =
 *     Publication.of("account-events", Account.TYPE, "ledger.account-events",
 *         AccountMessage.class, event -> switch (event.payload()) {
 *           case Deposited d -> Optional.of(new MoneyDeposited(event.entityId(), d.amount()));
 *           default -> Optional.empty();
 *         });
 * }</pre>
 *
 * <p>Each record is keyed by the entity id, so that one partition holds each entity's messages in
 * journal order, and carries in its headers a stable event id ({@link #eventIdOf}) for consumers to
 * deduplicate by, the message's type name and version, and the event's time. Publishing runs from
 * the journal with its offsets kept like a view's: at least once, never a second write beside the
 * entity's own.
 *
 * @param name lower-case letters, digits, '-' and '_'; names the publication's offsets: keep it
 * @param source the entity type whose events are published
 * @param topic the topic written to
 * @param messageType the message type: a {@code @TypeName} record, or a sealed interface of them
 * @param mapper the message of each event, if any
 * @param <E> the source entity type's event type
 * @param <M> the message type
 */
public record Publication<E, M>(
    String name,
    EntityType<?, E, ?> source,
    String topic,
    Class<M> messageType,
    MessageMapper<E, M> mapper) {

  public Publication {
    Names.requireName("publication", name);
    Names.requireTopic(topic);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(messageType, "messageType");
    Objects.requireNonNull(mapper, "mapper");
  }

  /** A publication named {@code name} of {@code source}'s events to {@code topic}. */
  public static <E, M> Publication<E, M> of(
      String name,
      EntityType<?, E, ?> source,
      String topic,
      Class<M> messageType,
      MessageMapper<E, M> mapper) {
    return new Publication<>(name, source, topic, messageType, mapper);
  }

  /**
   * The stable id of the message published for {@code event}: its persistence id and sequence
   * number, {@code <entity type>|<entity id>#<sequence number>}. The same at every redelivery.
   */
  public static String eventIdOf(ViewEvent<?> event) {
    return event.persistenceId() + "#" + event.sequenceNr();
  }
}
