package io.acta.http;

import io.acta.api.entity.Done;
import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;

/** A shop's till: rings up amounts of cash (idempotently) and carries a label. */
final class Till implements EventSourcedEntity<Till.Command<?>, Till.Event, Till.State> {

  static final EntityType<Command<?>, Event, State> TYPE = EntityType.of("till", new Till());

  sealed interface Command<R> extends ReplyType<R> {}

  /** An amount in whole cents. */
  @TypeName("till.cash")
  record Cash(long cents, String currency) {
    Cash {
      if (currency == null || !currency.matches("[A-Z]{3}"))
        throw new IllegalArgumentException("currency must be three capital letters");
    }
  }

  /** Rings up {@code amount}; replies with the till's new total. */
  @TypeName("till.ring")
  record Ring(Cash amount, String idempotencyKey) implements Command<Long>, Idempotent {}

  @TypeName("till.label")
  record Label(String text, boolean loud) implements Command<Done> {}

  sealed interface Event {}

  @TypeName("till.rang")
  record Rang(long cents) implements Event {}

  @TypeName("till.state")
  record State(long total) {}

  @Override
  public State emptyState() {
    return new State(0);
  }

  @Override
  public Effect<Event, State> decide(State state, Command<?> command) {
    return switch (command) {
      case Ring r -> effects().persist(new Rang(r.amount().cents())).thenReply(r, State::total);
      case Label l -> effects().none();
    };
  }

  @Override
  public State evolve(State state, Event event) {
    return switch (event) {
      case Rang r -> new State(state.total() + r.cents());
    };
  }
}
