package io.acta.testkit;

import io.acta.api.entity.EntityType;
import io.acta.api.entity.Rejection;
import io.acta.api.entity.ReplyType;
import io.acta.api.process.Step;
import io.acta.api.spi.EntityLogic;
import io.acta.runtime.spi.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.opentest4j.AssertionFailedError;

/**
 * Tests a process's own {@code decide}, {@code evolve} and {@code next} without an actor system,
 * given / when / then:
 *
 * <pre>{@code
 * ProcessTestKit.of(Transfer.TYPE)
 *     .given(new Requested("a", "b", eur(300), null))
 *     .thenAsks(Account.TYPE, "a", new Withdraw(eur(300), ProcessTestKit.KEY))
 *     .whenRejected(Rejection.conflict("insufficient funds"))
 *     .thenEvents(new WithdrawRefused("insufficient funds"))
 *     .thenFinishes();
 * }</pre>
 *
 * <p>Every given event, command sent, reply received, emitted event and resulting state is also
 * written and read back through the runtime's own serializer, so a type that does not survive
 * storage fails its unit test.
 *
 * @param <E> the process's event type
 * @param <S> the process's state type
 */
public final class ProcessTestKit<E, S> {
  /**
   * The idempotency key the test kit hands a step's command; the runtime derives a real one from
   * the process and the step.
   */
  public static final String KEY = "test-process#1";

  private final EntityType<?, E, S> type;
  private final EntityLogic<?, E, S> logic;
  private final List<E> history;

  private ProcessTestKit(EntityType<?, E, S> type, List<E> history) {
    this.type = type;
    this.logic = new EntityLogic<>(type);
    if (!logic.isProcess()) {
      throw new IllegalArgumentException(
          "entity type '"
              + type.name()
              + "' is not a process (it does not implement"
              + " EventSourcedProcess)");
    }
    this.history = history;
  }

  /** A test kit for the process type, starting from its empty state. */
  public static <E, S> ProcessTestKit<E, S> of(EntityType<?, E, S> type) {
    return new ProcessTestKit<>(type, List.of());
  }

  /** Past events, applied in order. */
  @SafeVarargs
  public final ProcessTestKit<E, S> given(E... events) {
    var all = new ArrayList<>(history);
    for (E e : events)
      all.add(roundTrip(codec(), Objects.requireNonNull(e, "event"), "given event"));
    return new ProcessTestKit<>(type, List.copyOf(all));
  }

  /** The state the given events produce. */
  public S state() {
    return roundTrip(codec(), logic.fold(logic.emptyState(), history), "state");
  }

  /** The step the process takes next in the given state. */
  public Step<E> next() {
    return logic.next(logic.fold(logic.emptyState(), history));
  }

  /** Handles one command, as {@link EntityTestKit} does; then the events and the next step. */
  public Result<E, S> when(ReplyType<?> command) {
    var result = EntityTestKit.of(type).given(history).when(command);
    return result(result.events());
  }

  /** Asserts that the next step asks {@code entityId} of {@code target} exactly {@code command}. */
  public ProcessTestKit<E, S> thenAsks(
      EntityType<?, ?, ?> target, String entityId, ReplyType<?> command) {
    Step.Ask<E, ?> ask = ask();
    if (!ask.type().name().equals(target.name()) || !ask.entityId().equals(entityId)) {
      throw new AssertionFailedError(
          "unexpected entity asked",
          target.name() + "|" + entityId,
          ask.type().name() + "|" + ask.entityId());
    }
    Object sent =
        roundTrip(Codec.of(List.of(ask.type()), List.of()), ask.command().apply(KEY), "command");
    if (!sent.equals(command)) throw new AssertionFailedError("unexpected command", command, sent);
    return this;
  }

  /** The next step is an ask, and the entity asked replies {@code reply}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Result<E, S> whenReplied(Object reply) {
    Step.Ask<E, ?> ask = ask();
    Object received = roundTrip(Codec.of(List.of(ask.type()), List.of()), reply, "reply");
    return result(List.of((E) ((Function) ask.onReply()).apply(received)));
  }

  /** The next step is an ask, and the entity asked refuses it with {@code rejection}. */
  public Result<E, S> whenRejected(Rejection rejection) {
    return result(List.of(ask().onRejection().apply(rejection)));
  }

  /** The next step is a timer, and it is due. */
  public Result<E, S> whenDue() {
    if (!(next() instanceof Step.WaitUntil<E> wait)) {
      throw new AssertionFailedError("expected the next step to be a timer but it is " + next());
    }
    return result(List.of(wait.onDue()));
  }

  private Step.Ask<E, ?> ask() {
    Step<E> step = next();
    if (!(step instanceof Step.Ask<E, ?> ask)) {
      throw new AssertionFailedError("expected the next step to be an ask but it is " + step);
    }
    return ask;
  }

  private Result<E, S> result(List<E> events) {
    List<E> all = new ArrayList<>(history);
    for (E e : events) all.add(roundTrip(codec(), Objects.requireNonNull(e, "event"), "event"));
    var after = new ProcessTestKit<>(type, List.copyOf(all));
    return new Result<>(List.copyOf(events), after);
  }

  private Codec codec() {
    return Codec.of(List.of(type), List.of());
  }

  private static <T> T roundTrip(Codec codec, T value, String role) {
    return RoundTrip.of(codec, value, role);
  }

  /**
   * What one step's outcome (or one command) did: the events persisted, and the process after them,
   * on which the next step is asserted.
   *
   * @param <E> the process's event type
   * @param <S> the process's state type
   */
  public static final class Result<E, S> {
    private final List<E> events;
    private final ProcessTestKit<E, S> after;

    Result(List<E> events, ProcessTestKit<E, S> after) {
      this.events = events;
      this.after = after;
    }

    /** The events persisted. */
    public List<E> events() {
      return events;
    }

    /** The state after them. */
    public S state() {
      return after.state();
    }

    /** The process after these events, to go on with. */
    public ProcessTestKit<E, S> andThen() {
      return after;
    }

    /** Asserts the events persisted, in order. */
    @SafeVarargs
    public final Result<E, S> thenEvents(E... expected) {
      List<E> want = new ArrayList<>(expected.length);
      for (E e : expected) want.add(e);
      if (!events.equals(want)) throw new AssertionFailedError("unexpected events", want, events);
      return this;
    }

    /** Asserts the state after the events. */
    public Result<E, S> thenState(S expected) {
      if (!Objects.equals(expected, state()))
        throw new AssertionFailedError("unexpected state", expected, state());
      return this;
    }

    /**
     * Asserts that the next step asks {@code entityId} of {@code target} exactly {@code command}.
     */
    public ProcessTestKit<E, S> thenAsks(
        EntityType<?, ?, ?> target, String entityId, ReplyType<?> command) {
      return after.thenAsks(target, entityId, command);
    }

    /** Asserts that the next step is a timer due at {@code due}. */
    public ProcessTestKit<E, S> thenWaitsUntil(java.time.Instant due) {
      if (!(after.next() instanceof Step.WaitUntil<E> wait) || !wait.due().equals(due)) {
        throw new AssertionFailedError(
            "unexpected next step", "a timer due at " + due, after.next());
      }
      return after;
    }

    /** Asserts that the process waits for a command. */
    public ProcessTestKit<E, S> thenAwaitsCommand() {
      if (!(after.next() instanceof Step.AwaitCommand))
        throw new AssertionFailedError(
            "unexpected next step", "waiting for a command", after.next());
      return after;
    }

    /** Asserts that the process is over. */
    public ProcessTestKit<E, S> thenFinishes() {
      if (!(after.next() instanceof Step.Finish))
        throw new AssertionFailedError("unexpected next step", "finish", after.next());
      return after;
    }
  }
}
