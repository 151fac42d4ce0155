package io.acta.api.spi;

import io.acta.api.entity.Done;
import io.acta.api.entity.EntityClasses;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.api.entity.ReplyType;
import java.util.List;

/**
 * Runs an entity's own {@code decide} and {@code evolve} and checks what they return. Shared by the
 * actor runtime and the test kit, so both interpret an effect in exactly the same way.
 */
public final class EntityLogic<C, E, S> {
  private final String typeName;
  private final EventSourcedEntity<?, E, S> entity;
  private final EntityClasses classes;

  @SuppressWarnings({"unchecked", "rawtypes"})
  public EntityLogic(EntityType<?, E, S> type) {
    this.typeName = type.name();
    this.entity = type.entity();
    this.classes = type.classes();
  }

  public S emptyState() {
    S s = entity.emptyState();
    if (s == null)
      throw new IllegalStateException(
          "emptyState() of entity type '" + typeName + "' returned null");
    return s;
  }

  /** The entity's decision on {@code command}; fails when decide returns nothing. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public EffectImpl<E, S> decide(S state, Object command) {
    Object effect = ((EventSourcedEntity) entity).decide(state, (ReplyType) command);
    if (effect == null) {
      throw new IllegalStateException(
          "decide() of entity type '"
              + typeName
              + "' returned null for "
              + command.getClass().getSimpleName());
    }
    return (EffectImpl<E, S>) effect;
  }

  /** One event applied; fails when evolve returns nothing. */
  public S evolve(S state, E event) {
    S next = entity.evolve(state, event);
    if (next == null) {
      throw new IllegalStateException(
          "evolve() of entity type '"
              + typeName
              + "' returned null for "
              + event.getClass().getSimpleName());
    }
    return next;
  }

  /** The state after all {@code events}. */
  public S fold(S state, List<? extends E> events) {
    S s = state;
    for (E e : events) s = evolve(s, e);
    return s;
  }

  /**
   * What the caller gets once the effect's events are applied: the entity's reply, {@link
   * Done#DONE} for a {@code Done} command that gave none, or a failure when the entity forgot to
   * reply.
   */
  public Outcome outcome(EffectImpl<E, S> effect, S newState, Object command) {
    if (effect.rejected()) return new Outcome.Rejected(effect.rejection());
    if (effect.reply() != null) {
      Object reply = effect.reply().apply(newState);
      if (reply == null) {
        return new Outcome.Failed(
            "entity type '" + typeName + "' replied null to " + command.getClass().getSimpleName());
      }
      return new Outcome.Accepted(reply);
    }
    if (classes.replyTypeOf(command) == Done.class) return new Outcome.Accepted(Done.DONE);
    return new Outcome.Failed(
        "entity type '"
            + typeName
            + "' gave no reply to "
            + command.getClass().getSimpleName()
            + "; add thenReply(...) to its effect");
  }

  /** Runs the effect's side effects with the new state, in order. */
  public void runSideEffects(EffectImpl<E, S> effect, S newState) {
    for (var sideEffect : effect.sideEffects()) sideEffect.accept(newState);
  }
}
