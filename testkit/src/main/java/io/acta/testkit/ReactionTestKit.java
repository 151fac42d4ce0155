package io.acta.testkit;

import io.acta.api.entity.EntityType;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.ReplyType;
import io.acta.api.reaction.ReactionType;
import io.acta.api.reaction.Send;
import io.acta.api.view.ViewEvent;
import io.acta.runtime.spi.Codec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Tests a reaction's decisions without an actor system: when an event of the source entity, then
 * these commands to these entities, each built with the idempotency key the runtime derives:
 *
 * <pre>{@code
 * ReactionTestKit.of(LedgerReactions.LARGE_WITHDRAWALS)
 *     .when("acc-1", 7, new Withdrawn(eur(150_000)))
 *     .thenSends(Alerts.TYPE, "acc-1", new Raise(eur(150_000), 7,
 *         "large-withdrawals|account|acc-1#7"));
 * }</pre>
 *
 * <p>The event, and every command sent, is also written and read back through the runtime's own
 * serializer, so a type that does not survive storage or the wire fails its unit test; a command
 * that does not carry its key fails as it would in the runtime.
 *
 * @param <E> the source entity type's event type
 */
public final class ReactionTestKit<E> {
  /** The time the test kit gives events: fixed, so that a reaction that reads it is repeatable. */
  public static final Instant EVENT_TIME = Instant.parse("2026-01-01T00:00:00Z");

  private final ReactionType<E> reaction;

  private ReactionTestKit(ReactionType<E> reaction) {
    this.reaction = Objects.requireNonNull(reaction, "reaction");
  }

  /** A test kit for {@code reaction}. */
  public static <E> ReactionTestKit<E> of(ReactionType<E> reaction) {
    return new ReactionTestKit<>(reaction);
  }

  /** The reaction meets {@code event}, at {@code sequenceNr} of source entity {@code entityId}. */
  public Result when(String entityId, long sequenceNr, E event) {
    E stored =
        RoundTrip.of(
            Codec.of(List.of(reaction.source()), List.of()),
            Objects.requireNonNull(event, "event"),
            "event");
    ViewEvent<E> seen =
        new ViewEvent<>(reaction.source().name(), entityId, sequenceNr, EVENT_TIME, stored);
    List<Send<?>> sends = reaction.reaction().react(seen);
    if (sends == null) throw new AssertionFailedError("react returned null instead of a list");
    List<Sent> sent = new ArrayList<>();
    for (int i = 0; i < sends.size(); i++) {
      Send<?> send = sends.get(i);
      String key = reaction.keyOf(seen, i);
      ReplyType<?> command = send.command().apply(key);
      if (!(command instanceof Idempotent idempotent) || !key.equals(idempotent.idempotencyKey()))
        throw new AssertionFailedError(
            "command "
                + (i + 1)
                + " does not carry the key it was built with ("
                + key
                + "): it must implement Idempotent and return that key");
      Object wire = RoundTrip.of(Codec.of(List.of(send.type()), List.of()), command, "command");
      sent.add(new Sent(send.type().name(), send.entityId(), wire));
    }
    return new Result(List.copyOf(sent));
  }

  /**
   * One command the reaction sent, as it arrives.
   *
   * @param entityType the target's type name
   * @param entityId the target
   * @param command the command, after its round trip through the serializer
   */
  public record Sent(String entityType, String entityId, Object command) {}

  /** What the reaction sent for one event, asserted in order. */
  public static final class Result {
    private final List<Sent> sent;
    private int checked;

    Result(List<Sent> sent) {
      this.sent = sent;
    }

    /** Every command sent, in order. */
    public List<Sent> sent() {
      return sent;
    }

    /**
     * Asserts that the next command sent is {@code command} to {@code entityId} of {@code type}.
     */
    public Result thenSends(EntityType<?, ?, ?> type, String entityId, ReplyType<?> command) {
      Sent expected = new Sent(type.name(), entityId, command);
      if (checked >= sent.size())
        throw new AssertionFailedError(
            "expected command " + (checked + 1) + " but only " + sent.size() + " were sent",
            expected,
            null);
      Sent actual = sent.get(checked++);
      if (!actual.equals(expected))
        throw new AssertionFailedError("unexpected command " + checked, expected, actual);
      return this;
    }

    /** Asserts that nothing was sent beyond the commands already asserted. */
    public Result thenSendsNothingMore() {
      if (checked < sent.size())
        throw new AssertionFailedError(
            "unexpected further commands", List.of(), sent.subList(checked, sent.size()));
      return this;
    }

    /** Asserts that the event led to no command at all. */
    public Result thenSendsNothing() {
      return thenSendsNothingMore();
    }
  }
}
