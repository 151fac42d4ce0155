package io.acta.http.internal;

import io.acta.api.entity.Done;
import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;
import java.time.Instant;
import java.util.List;

/** A wallet: commands with a number, a nested record, a list, validation and an idempotency key. */
final class Wallet implements EventSourcedEntity<Wallet.Command<?>, Wallet.Event, Wallet.State> {

  static final EntityType<Command<?>, Event, State> TYPE = EntityType.of("wallet", new Wallet());

  sealed interface Command<R> extends ReplyType<R> {}

  @TypeName("wallet.pay")
  record Pay(long amount, String note, String idempotencyKey) implements Command<Long>, Idempotent {
    Pay {
      if (amount <= 0) throw new IllegalArgumentException("amount must be positive, was " + amount);
    }
  }

  record Owner(String name, int age) {}

  @TypeName("wallet.hand-over")
  record HandOver(Owner owner, List<String> witnesses) implements Command<Done> {}

  enum Speed {
    SLOW,
    FAST
  }

  @TypeName("wallet.limit")
  record Limit(Speed speed, Instant until) implements Command<Done> {}

  /** Named without the entity type's prefix: its URL name is the whole name. */
  @TypeName("freeze-wallet")
  record Freeze() implements Command<Done> {}

  @TypeName("wallet.paid")
  record Paid(long amount) implements Event {}

  sealed interface Event {}

  @TypeName("wallet.state")
  record State(long paid) {}

  @Override
  public State emptyState() {
    return new State(0);
  }

  @Override
  public Effect<Event, State> decide(State state, Command<?> command) {
    return switch (command) {
      case Pay p -> effects().persist(new Paid(p.amount())).thenReply(p, State::paid);
      case HandOver h -> effects().none();
      case Limit l -> effects().none();
      case Freeze f -> effects().none();
    };
  }

  @Override
  public State evolve(State state, Event event) {
    return switch (event) {
      case Paid p -> new State(state.paid() + p.amount());
    };
  }
}
