package io.acta.tests;

import io.acta.api.entity.Done;
import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;

/**
 * A counter whose evolve throws on overflow, and whose decide does not check for it: an entity with
 * the bug the runtime must contain.
 */
public final class Fragile
    implements EventSourcedEntity<Fragile.Command<?>, Fragile.Event, Fragile.State> {

  public static final EntityType<Command<?>, Event, State> TYPE =
      EntityType.of("fragile", new Fragile());

  public sealed interface Command<R> extends ReplyType<R> {}

  /** Adds {@code n}, replying with the new total. */
  @TypeName("fragile.add")
  public record Add(long n, String idempotencyKey) implements Command<Long>, Idempotent {}

  /** Adds each of two numbers as an event of its own. */
  @TypeName("fragile.add-both")
  public record AddBoth(long first, long second) implements Command<Long> {}

  /** Adds {@code n} with no reply of its own: the runtime replies {@code Done}. */
  @TypeName("fragile.add-quietly")
  public record AddQuietly(long n) implements Command<Done> {}

  @TypeName("fragile.get")
  public record Get() implements Command<State> {}

  public sealed interface Event {}

  @TypeName("fragile.added")
  public record Added(long n) implements Event {}

  @TypeName("fragile.state")
  public record State(long total, int events) {}

  @Override
  public State emptyState() {
    return new State(0, 0);
  }

  @Override
  public Effect<Event, State> decide(State state, Command<?> command) {
    return switch (command) {
      case Add a -> effects().persist(new Added(a.n())).thenReply(a, State::total);
      case AddBoth b ->
          effects().persist(new Added(b.first()), new Added(b.second())).thenReply(b, State::total);
      case AddQuietly q -> effects().persist(new Added(q.n()));
      case Get g -> effects().reply(g, state);
    };
  }

  @Override
  public State evolve(State state, Event event) {
    return switch (event) {
      case Added a -> new State(Math.addExact(state.total(), a.n()), state.events() + 1);
    };
  }
}
