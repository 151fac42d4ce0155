package io.acta.api.spi;

import io.acta.api.entity.Effect;
import io.acta.api.entity.Rejection;
import io.acta.api.entity.ReplyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one implementation of {@link Effect}: what to persist, how to reply, or why to reject.
 *
 * @param events the events to persist atomically, possibly none
 * @param reply computes the reply from the new state; {@code null} when the entity gave none
 * @param rejection set when the command is refused; then there are no events and no reply
 * @param sideEffects run in order with the new state once the events are stored
 */
public record EffectImpl<E, S>(
    List<E> events,
    Function<? super S, ?> reply,
    Rejection rejection,
    List<Consumer<? super S>> sideEffects)
    implements Effect<E, S> {

  public static <E, S> EffectImpl<E, S> persist(List<E> events) {
    return new EffectImpl<>(events, null, null, List.of());
  }

  public static <E, S> EffectImpl<E, S> none() {
    return new EffectImpl<>(List.of(), null, null, List.of());
  }

  public static <E, S> EffectImpl<E, S> reject(Rejection rejection) {
    return new EffectImpl<>(List.of(), null, rejection, List.of());
  }

  @Override
  public <R> Effect<E, S> thenReply(
      ReplyType<R> command, Function<? super S, ? extends R> replyFn) {
    if (rejection != null) throw new IllegalStateException("a rejected command cannot also reply");
    if (reply != null) throw new IllegalStateException("the effect already has a reply");
    Objects.requireNonNull(replyFn, "reply");
    return new EffectImpl<>(events, replyFn, null, sideEffects);
  }

  @Override
  public Effect<E, S> thenRun(Consumer<? super S> sideEffect) {
    if (rejection != null)
      throw new IllegalStateException("a rejected command has no side effects");
    var all = new ArrayList<Consumer<? super S>>(sideEffects);
    all.add(Objects.requireNonNull(sideEffect, "sideEffect"));
    return new EffectImpl<>(events, reply, null, List.copyOf(all));
  }

  /** Whether the entity refused the command. */
  public boolean rejected() {
    return rejection != null;
  }
}
