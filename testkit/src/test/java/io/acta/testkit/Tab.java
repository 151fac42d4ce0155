package io.acta.testkit;

import io.acta.api.entity.Done;
import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bar tab: orders add up until it is settled. Small, with one deliberate mistake of each kind.
 */
final class Tab implements EventSourcedEntity<Tab.Command<?>, Tab.Event, Tab.State> {

  static final EntityType<Command<?>, Event, State> TYPE = EntityType.of("tab", new Tab());

  /** The totals side effects saw, in order. */
  static final List<Integer> RECEIPTS = new CopyOnWriteArrayList<>();

  sealed interface Command<R> extends ReplyType<R> {}

  @TypeName("tab.order")
  record Order(String item, int price) implements Command<Integer> {}

  /** Replies nothing: a {@code Done} command needs no reply. */
  @TypeName("tab.settle")
  record Settle() implements Command<Done> {}

  /** The entity forgets to reply to it. */
  @TypeName("tab.peek")
  record Peek() implements Command<Integer> {}

  @TypeName("tab.get")
  record Get() implements Command<State> {}

  /** Marks with an array, which is not equal to itself once read back. */
  @TypeName("tab.mark")
  record Mark(int[] marks) implements Command<Done> {}

  sealed interface Event {}

  @TypeName("tab.ordered")
  record Ordered(String item, int price) implements Event {}

  @TypeName("tab.settled")
  record Settled() implements Event {}

  @TypeName("tab.marked")
  record Marked(int[] marks) implements Event {}

  @TypeName("tab.state")
  record State(int total, boolean settled, List<String> items) {
    State order(Ordered o) {
      var all = new ArrayList<>(items);
      all.add(o.item());
      return new State(total + o.price(), settled, List.copyOf(all));
    }
  }

  @Override
  public State emptyState() {
    return new State(0, false, List.of());
  }

  @Override
  public Effect<Event, State> decide(State state, Command<?> command) {
    return switch (command) {
      case Order o when state.settled() -> effects().reject("the tab is settled");
      case Order o when o.price() <= 0 -> effects().invalid("price must be positive");
      case Order o ->
          effects()
              .persist(new Ordered(o.item(), o.price()))
              .thenReply(o, State::total)
              .thenRun(s -> RECEIPTS.add(s.total()));
      case Settle s -> effects().persist(new Settled());
      case Peek p -> effects().none();
      case Get g -> effects().reply(g, state);
      case Mark m -> effects().persist(new Marked(m.marks()));
    };
  }

  @Override
  public State evolve(State state, Event event) {
    return switch (event) {
      case Ordered o -> state.order(o);
      case Settled s -> new State(state.total(), true, state.items());
      case Marked m -> state;
    };
  }
}
