package io.acta.testkit;

import io.acta.api.entity.EntityType;
import io.acta.api.entity.Rejection;
import io.acta.api.entity.ReplyType;
import io.acta.api.spi.EffectImpl;
import io.acta.api.spi.EntityLogic;
import io.acta.api.spi.Outcome;
import io.acta.runtime.spi.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Tests an entity's own {@code decide} and {@code evolve} without an actor system, given / when /
 * then:
 *
 * <pre>{@code
 * EntityTestKit.of(Account.TYPE)
 *     .given(new Opened("ada", "EUR"), new Deposited(Money.of(100, "EUR")))
 *     .when(new Withdraw(Money.of(150, "EUR"), "k1"))
 *     .thenRejected("insufficient funds");
 * }</pre>
 *
 * <p>Every given event, command, emitted event, reply and resulting state is also written and read
 * back through the runtime's own serializer, so a type that does not survive storage fails its unit
 * test.
 *
 * @param <C> the command type
 * @param <E> the event type
 * @param <S> the state type
 */
public final class EntityTestKit<C extends ReplyType<?>, E, S> {
  private final EntityLogic<C, E, S> logic;
  private final Codec codec;
  private final List<E> history;

  private EntityTestKit(EntityLogic<C, E, S> logic, Codec codec, List<E> history) {
    this.logic = logic;
    this.codec = codec;
    this.history = history;
  }

  /** A test kit for the entity type, starting from its empty state. */
  public static <C extends ReplyType<?>, E, S> EntityTestKit<C, E, S> of(EntityType<C, E, S> type) {
    return new EntityTestKit<>(
        new EntityLogic<>(type), Codec.of(List.of(type), List.of()), List.of());
  }

  /** Past events, applied in order before the command. */
  @SafeVarargs
  public final EntityTestKit<C, E, S> given(E... events) {
    var all = new ArrayList<>(history);
    for (E e : events) all.add(roundTrip(Objects.requireNonNull(e, "event"), "given event"));
    return new EntityTestKit<>(logic, codec, List.copyOf(all));
  }

  /** Past events, applied in order before the command (for the process test kit). */
  EntityTestKit<C, E, S> given(List<E> events) {
    var all = new ArrayList<>(history);
    for (E e : events) all.add(roundTrip(Objects.requireNonNull(e, "event"), "given event"));
    return new EntityTestKit<>(logic, codec, List.copyOf(all));
  }

  /** The state the given events produce. */
  public S state() {
    return roundTrip(logic.fold(logic.emptyState(), history), "state");
  }

  /** Handles one command against the given history. */
  public <R> Result<R, E, S> when(ReplyType<R> command) {
    Object received = roundTrip(command, "command");
    S before = logic.fold(logic.emptyState(), history);
    EffectImpl<E, S> effect = logic.decide(before, received);
    S after = effect.rejected() ? before : logic.fold(before, effect.events());
    for (E e : effect.events()) roundTrip(e, "emitted event");
    Outcome outcome = logic.outcome(effect, after, received);
    if (outcome instanceof Outcome.Accepted a) roundTrip(a.reply(), "reply");
    if (!effect.rejected()) logic.runSideEffects(effect, after);
    return new Result<>(outcome, effect.events(), roundTrip(after, "state"));
  }

  /**
   * Then, as a whole new test kit, the history plus the events of the command: for multi-step
   * scenarios.
   */
  public EntityTestKit<C, E, S> andThen(ReplyType<?> command) {
    Result<?, E, S> r = when(command);
    var all = new ArrayList<>(history);
    all.addAll(r.events());
    return new EntityTestKit<>(logic, codec, List.copyOf(all));
  }

  private <T> T roundTrip(T value, String role) {
    return RoundTrip.of(codec, value, role);
  }

  /** What one command did: the outcome, the events it persisted and the state after them. */
  public static final class Result<R, E, S> {
    private final Outcome outcome;
    private final List<E> events;
    private final S state;

    Result(Outcome outcome, List<E> events, S state) {
      this.outcome = outcome;
      this.events = events;
      this.state = state;
    }

    /** The events the command persisted, in order. */
    public List<E> events() {
      return events;
    }

    /** The state after the events. */
    public S state() {
      return state;
    }

    /** The reply; fails when the command was rejected or failed. */
    @SuppressWarnings("unchecked")
    public R reply() {
      return switch (outcome) {
        case Outcome.Accepted a -> (R) a.reply();
        case Outcome.Rejected r ->
            throw new AssertionFailedError(
                "expected a reply but the command was rejected: "
                    + r.rejection().kind()
                    + " \""
                    + r.rejection().reason()
                    + "\"");
        case Outcome.Failed f ->
            throw new AssertionFailedError(
                "expected a reply but the entity failed: " + f.message());
        case Outcome.Unavailable u ->
            throw new AssertionFailedError(
                "expected a reply but the entity was unavailable: " + u.message());
      };
    }

    /** Asserts the persisted events, in order. */
    @SafeVarargs
    public final Result<R, E, S> thenEvents(E... expected) {
      reply();
      List<E> want = new ArrayList<>(expected.length);
      for (E e : expected)
        want.add(e); // reading the array, never handing it on, keeps @SafeVarargs true
      if (!events.equals(want)) {
        throw new AssertionFailedError("unexpected events", want, events);
      }
      return this;
    }

    /** Asserts that nothing was persisted. */
    public Result<R, E, S> thenNoEvents() {
      if (!events.isEmpty())
        throw new AssertionFailedError("expected no events", List.of(), events);
      return this;
    }

    /** Asserts the reply. */
    public Result<R, E, S> thenReply(R expected) {
      R actual = reply();
      if (!Objects.equals(expected, actual))
        throw new AssertionFailedError("unexpected reply", expected, actual);
      return this;
    }

    /** Asserts the state after the command. */
    public Result<R, E, S> thenState(S expected) {
      if (!Objects.equals(expected, state))
        throw new AssertionFailedError("unexpected state", expected, state);
      return this;
    }

    /**
     * Asserts a rejection because of a conflict with the state, with this reason; nothing
     * persisted.
     */
    public Result<R, E, S> thenRejected(String reason) {
      return rejectedAs(Rejection.conflict(reason));
    }

    /** Asserts a rejection because the command is invalid, with this reason; nothing persisted. */
    public Result<R, E, S> thenInvalid(String reason) {
      return rejectedAs(Rejection.invalid(reason));
    }

    /**
     * Asserts a refusal because the command's caller may not send it ({@code
     * effects().forbid(...)}), with this reason; nothing persisted.
     */
    public Result<R, E, S> thenForbidden(String reason) {
      return rejectedAs(Rejection.forbidden(reason));
    }

    private Result<R, E, S> rejectedAs(Rejection expected) {
      if (!(outcome instanceof Outcome.Rejected r)) {
        throw new AssertionFailedError("expected rejection " + expected + " but got " + outcome);
      }
      if (!r.rejection().equals(expected))
        throw new AssertionFailedError("unexpected rejection", expected, r.rejection());
      return thenNoEvents();
    }
  }
}
