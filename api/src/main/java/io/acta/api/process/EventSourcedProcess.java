package io.acta.api.process;

import io.acta.api.entity.EventSourcedEntity;
import io.acta.api.entity.ReplyType;

/**
 * A process (a saga, a process manager): an event-sourced entity that drives work across other
 * entities. It has commands, events, a state, {@code decide} and {@code evolve} like any entity —
 * it is declared with {@code EntityType.of} and reached the same way — plus {@link #next}, which
 * says from its state what it does next:
 *
 * <pre>{@code
 * public Step<Event> next(State state) {
 *   return switch (state) {
 *     case Requested r -> Step.ask(Account.TYPE, r.from(), key -> new Withdraw(r.amount(), key))
 *         .then(balance -> new Withdrawn(), rejection -> new Failed(rejection.reason()));
 *     case Withdrawn w -> Step.ask(Account.TYPE, w.to(), key -> new Deposit(w.amount(), key))
 *         .then(balance -> new Deposited(), rejection -> new DepositRefused(rejection.reason()));
 *     case AwaitingApproval a -> Step.waitUntil(a.deadline(), new Expired());
 *     case Completed c -> Step.finish();
 *   };
 * }
 * }</pre>
 *
 * <p>A {@code switch} over a sealed state makes the compiler check that every state has a next
 * step. The runtime persists each step's outcome as one of the process's own events before it moves
 * on, so a process resumes where it was after a restart or a failover, and a step that was sent but
 * not answered is sent again — with the same idempotency key, so that the entity asked applies it
 * once. Compensation is ordinary states and steps.
 *
 * @param <C> the commands: a sealed interface extending {@link ReplyType}
 * @param <E> the events
 * @param <S> the state
 */
public interface EventSourcedProcess<C extends ReplyType<?>, E, S>
    extends EventSourcedEntity<C, E, S> {

  /**
   * What the process does next in {@code state}. Must be a pure function of the state: the runtime
   * calls it after recovery and after every event, and again when a step's answer comes back.
   */
  Step<E> next(S state);
}
