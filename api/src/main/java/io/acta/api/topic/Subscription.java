package io.acta.api.topic;

import io.acta.api.entity.EntityType;
import io.acta.api.reaction.Send;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A topic's messages turned into commands to entities: a reaction whose source is a topic.
 *
 * <pre>{@code
 * Subscription<PaymentReceived> PAYMENTS =
 *     Subscription.of("payments", "payments.incoming", PaymentReceived.class,
 *             message -> List.of(Send.to(Account.TYPE, message.payload().account(),
 *                 key -> new Deposit(message.payload().amount(), key))))
 *         .withMessageId(message -> message.payload().paymentId());
 * }</pre>
 *
 * <p>Each command's idempotency key is derived from the message's identity ({@link #keyOf}), so a
 * message read again after a crash, or sent twice by its producer under the same id, is applied
 * once. The offset is committed only after every command of the messages before it was answered. A
 * message that cannot be read or turned into commands, or whose command is rejected, is parked on
 * the dead-letter topic with the reason, and the partition goes on.
 *
 * @param name lower-case letters, digits, '-' and '_'; part of the consumer group and of every
 *     idempotency key: keep it
 * @param topic the topic read
 * @param messageType the message type: a {@code @TypeName} record, or a sealed interface of them
 * @param toCommands the commands of one message, sent in order
 * @param messageId the identity of a message, when its producer gives it one; else {@link #idOf}'s
 *     default
 * @param upcasters the upcasters of older message versions
 * @param <M> the message type
 */
public record Subscription<M>(
    String name,
    String topic,
    Class<M> messageType,
    Function<TopicMessage<M>, List<Send<?>>> toCommands,
    Optional<Function<TopicMessage<M>, String>> messageId,
    List<EntityType.Upcaster> upcasters) {

  public Subscription {
    Names.requireName("subscription", name);
    Names.requireTopic(topic);
    Objects.requireNonNull(messageType, "messageType");
    Objects.requireNonNull(toCommands, "toCommands");
    Objects.requireNonNull(messageId, "messageId");
    upcasters = List.copyOf(upcasters);
  }

  /** A subscription named {@code name} to {@code topic}. */
  public static <M> Subscription<M> of(
      String name,
      String topic,
      Class<M> messageType,
      Function<TopicMessage<M>, List<Send<?>>> toCommands) {
    return new Subscription<>(name, topic, messageType, toCommands, Optional.empty(), List.of());
  }

  /**
   * This subscription, taking a message's identity from the message itself (a payment id, say):
   * then a message its producer sent twice is applied once too.
   */
  public Subscription<M> withMessageId(Function<TopicMessage<M>, String> id) {
    return new Subscription<>(name, topic, messageType, toCommands, Optional.of(id), upcasters);
  }

  /** This subscription, reading version {@code fromVersion} of message type {@code typeName}. */
  public Subscription<M> withUpcaster(
      String typeName, int fromVersion, UnaryOperator<Map<String, Object>> upcast) {
    var all = new ArrayList<>(upcasters);
    all.add(new EntityType.Upcaster(typeName, fromVersion, upcast));
    return new Subscription<>(name, topic, messageType, toCommands, messageId, all);
  }

  /**
   * A message's identity: {@link #messageId} when set (a message without one is refused), else the
   * event id an Acta publication carries ({@link TopicMessage#EVENT_ID_HEADER}), else its position
   * in the topic.
   */
  public String idOf(TopicMessage<M> message) {
    if (messageId.isPresent()) {
      String id = messageId.get().apply(message);
      if (id == null || id.isBlank())
        throw new IllegalArgumentException("the message has no id (subscription '" + name + "')");
      return id;
    }
    String eventId = message.headers().get(TopicMessage.EVENT_ID_HEADER);
    return eventId != null ? eventId : message.position();
  }

  /**
   * The idempotency key of command {@code index} (from 0) of {@code message}: {@code
   * <subscription>|<message id>}, with {@code /<index>} after it from the second command on.
   */
  public String keyOf(TopicMessage<M> message, int index) {
    return name + "|" + idOf(message) + (index == 0 ? "" : "/" + index);
  }
}
