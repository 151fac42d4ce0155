package io.acta.api.entity;

import io.acta.api.spi.EffectImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes {@link Effect}s; reached through {@link EventSourcedEntity#effects()} so that the event and
 * state types are inferred from the entity.
 *
 * @param <E> the entity's event type
 * @param <S> the entity's state type
 */
public final class Effects<E, S> {
  private static final Effects<?, ?> INSTANCE = new Effects<>();

  private Effects() {}

  @SuppressWarnings("unchecked")
  static <E, S> Effects<E, S> instance() {
    return (Effects<E, S>) INSTANCE;
  }

  /** Persist one event. */
  public Effect<E, S> persist(E event) {
    return EffectImpl.persist(List.of(Objects.requireNonNull(event, "event")));
  }

  /** Persist several events atomically: all of them are stored, or none. */
  @SafeVarargs
  public final Effect<E, S> persist(E first, E... more) {
    var events = new ArrayList<E>(1 + more.length);
    events.add(Objects.requireNonNull(first, "event"));
    for (E e : more) events.add(Objects.requireNonNull(e, "event"));
    return EffectImpl.persist(List.copyOf(events));
  }

  /** Persist the events atomically; an empty list persists nothing. */
  public Effect<E, S> persistAll(List<? extends E> events) {
    return EffectImpl.persist(List.copyOf(events));
  }

  /** Reply at once without persisting anything. */
  public <R> Effect<E, S> reply(ReplyType<R> command, R reply) {
    return EffectImpl.<E, S>none().thenReply(command, s -> reply);
  }

  /** Refuse the command because it conflicts with the current state. */
  public Effect<E, S> reject(String reason) {
    return EffectImpl.reject(Rejection.conflict(reason));
  }

  /** Refuse the command because it is invalid whatever the state. */
  public Effect<E, S> invalid(String reason) {
    return EffectImpl.reject(Rejection.invalid(reason));
  }

  /**
   * Refuse the command because its caller may not send it to this entity (a rule over the {@link
   * io.acta.api.security.Caller} the command carries); HTTP answers 403. Say what is missing, not
   * what the entity holds.
   */
  public Effect<E, S> forbid(String reason) {
    return EffectImpl.reject(Rejection.forbidden(reason));
  }

  /**
   * Persist nothing. A caller waiting for a {@link Done} reply gets {@link Done#DONE}; add {@link
   * Effect#thenReply} for any other reply type.
   */
  public Effect<E, S> none() {
    return EffectImpl.none();
  }
}
