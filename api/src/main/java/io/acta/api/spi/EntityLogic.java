package io.acta.api.spi;

import io.acta.api.entity.Done;
import io.acta.api.entity.EntityClasses;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;
import io.acta.api.process.EventSourcedProcess;
import io.acta.api.process.Step;
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

  /**
   * One event applied.
   *
   * @throws EvolveFailedException when evolve throws or returns nothing
   */
  public S evolve(S state, E event) {
    S next;
    try {
      next = entity.evolve(state, event);
    } catch (RuntimeException e) {
      throw new EvolveFailedException(
          typeName, storedName(event), String.valueOf(e.getMessage()), e);
    }
    if (next == null)
      throw new EvolveFailedException(typeName, storedName(event), "returned null", null);
    return next;
  }

  /**
   * The state after all {@code events}.
   *
   * @throws EvolveFailedException for the first event evolve cannot apply
   */
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

  /** The name {@code event} is stored under, as its {@link TypeName} says. */
  private static String storedName(Object event) {
    TypeName name = event.getClass().getAnnotation(TypeName.class);
    // Every event class of a registered type has one (EntityClasses checks); say so if not.
    return name != null ? name.value() : "(an event without @TypeName)";
  }

  /** Whether the entity is a process, driven by its {@link EventSourcedProcess#next} steps. */
  public boolean isProcess() {
    return entity instanceof EventSourcedProcess<?, ?, ?>;
  }

  /**
   * The process's next step in {@code state}.
   *
   * @throws IllegalStateException when the entity is no process, or {@code next} fails or returns
   *     nothing
   */
  @SuppressWarnings("unchecked")
  public Step<E> next(S state) {
    if (!(entity instanceof EventSourcedProcess<?, ?, ?> process)) {
      throw new IllegalStateException("entity type '" + typeName + "' is not a process");
    }
    Step<E> step;
    try {
      step = ((EventSourcedProcess<?, E, S>) process).next(state);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "next() of process type '" + typeName + "' failed: " + e.getMessage(), e);
    }
    if (step == null) {
      throw new IllegalStateException("next() of process type '" + typeName + "' returned null");
    }
    return step;
  }

  /** Runs the effect's side effects with the new state, in order. */
  public void runSideEffects(EffectImpl<E, S> effect, S newState) {
    for (var sideEffect : effect.sideEffects()) sideEffect.accept(newState);
  }
}
