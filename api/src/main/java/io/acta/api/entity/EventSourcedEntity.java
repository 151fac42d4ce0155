package io.acta.api.entity;

/**
 * The behaviour of an event-sourced entity: it decides what a command means given the current
 * state, and evolves the state by one event. Both must be pure functions of their arguments; the
 * runtime runs {@link #evolve} again on recovery, and side effects belong in {@link
 * Effect#thenRun}.
 *
 * <pre>{@code
 * public final class Account implements EventSourcedEntity<Account.Command<?>, Account.Event, Account.State> {
 *   public Effect<Event, State> decide(State state, Command<?> command) {
 *     return switch (command) {
 *       case Deposit d when d.amount() <= 0 -> effects().invalid("amount must be positive");
 *       case Deposit d -> effects().persist(new Deposited(d.amount())).thenReply(d, s -> s.balance());
 *     };
 *   }
 *   ...
 * }
 * }</pre>
 *
 * @param <C> the commands: a sealed interface extending {@link ReplyType}
 * @param <E> the events: a sealed interface of records, each named with {@link TypeName}
 * @param <S> the state, named with {@link TypeName}
 */
public interface EventSourcedEntity<C extends ReplyType<?>, E, S> {

  /** The state of an entity that has no events yet. */
  S emptyState();

  /** What the command means in this state: events to persist and a reply, or a rejection. */
  Effect<E, S> decide(S state, C command);

  /** The state after one event. Must not fail for any event this entity ever persisted. */
  S evolve(S state, E event);

  /** The factory of effects, typed for this entity. */
  default Effects<E, S> effects() {
    return Effects.instance();
  }
}
