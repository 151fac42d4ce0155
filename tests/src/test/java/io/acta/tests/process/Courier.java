package io.acta.tests.process;

import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;
import io.acta.api.process.EventSourcedProcess;
import io.acta.api.process.Step;
import io.acta.tests.Fragile;

/**
 * A process of one step: it adds a number to a {@link Fragile} counter, which fails (rather than
 * rejects) an add that would overflow it — a target that cannot answer, for as long as it stays
 * that full.
 */
final class Courier
    implements EventSourcedProcess<Courier.Command<?>, Courier.Event, Courier.State> {

  static final EntityType<Command<?>, Event, State> TYPE = EntityType.of("courier", new Courier());

  sealed interface Command<R> extends ReplyType<R> {}

  /** Adds {@code n} to the fragile counter {@code target}. */
  @TypeName("courier.send")
  record Send(String target, long n) implements Command<State> {}

  @TypeName("courier.get")
  record Get() implements Command<State> {}

  sealed interface Event {}

  @TypeName("courier.sent")
  record Sent(String target, long n) implements Event {}

  @TypeName("courier.delivered")
  record Delivered(long total) implements Event {}

  @TypeName("courier.gave-up")
  record GaveUp(String reason) implements Event {}

  enum Status {
    NEW,
    SENDING,
    DELIVERED,
    GAVE_UP
  }

  @TypeName("courier.state")
  record State(Status status, String target, long n, String outcome) {}

  @Override
  public State emptyState() {
    return new State(Status.NEW, null, 0, null);
  }

  @Override
  public Effect<Event, State> decide(State state, Command<?> command) {
    return switch (command) {
      case Send s when state.status() != Status.NEW -> effects().reject("already sent");
      case Send s -> effects().persist(new Sent(s.target(), s.n())).thenReply(s, st -> st);
      case Get g -> effects().reply(g, state);
    };
  }

  @Override
  public State evolve(State state, Event event) {
    return switch (event) {
      case Sent s -> new State(Status.SENDING, s.target(), s.n(), null);
      case Delivered d ->
          new State(Status.DELIVERED, state.target(), state.n(), "total " + d.total());
      case GaveUp g -> new State(Status.GAVE_UP, state.target(), state.n(), g.reason());
    };
  }

  @Override
  public Step<Event> next(State state) {
    return switch (state.status()) {
      case NEW -> Step.awaitCommand();
      case SENDING ->
          Step.ask(Fragile.TYPE, state.target(), key -> new Fragile.Add(state.n(), key))
              .then(total -> new Delivered(total), rejection -> new GaveUp(rejection.reason()));
      case DELIVERED, GAVE_UP -> Step.finish();
    };
  }
}
