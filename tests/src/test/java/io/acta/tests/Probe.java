package io.acta.tests;

import io.acta.api.entity.Done;
import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An entity made to exercise every kind of effect, and the ways an entity can go wrong. */
public final class Probe implements EventSourcedEntity<Probe.Command<?>, Probe.Event, Probe.State> {

  public static final EntityType<Command<?>, Event, State> TYPE =
      EntityType.of("probe", new Probe());

  /** What side effects saw, per channel: the state's total when they ran. */
  public static final Map<String, BlockingQueue<Long>> SEEN = new ConcurrentHashMap<>();

  /** Latches that {@link Hold} blocks the entity on. */
  public static final Map<String, CountDownLatch> LATCHES = new ConcurrentHashMap<>();

  public sealed interface Command<R> extends ReplyType<R> {}

  @TypeName("probe.add")
  public record Add(long n, String idempotencyKey) implements Command<Long>, Idempotent {}

  @TypeName("probe.add-twice")
  public record AddTwice(long n) implements Command<Long> {}

  @TypeName("probe.ping")
  public record Ping() implements Command<Done> {}

  @TypeName("probe.forget")
  public record Forget() implements Command<String> {}

  @TypeName("probe.boom")
  public record Boom() implements Command<Done> {}

  @TypeName("probe.notify")
  public record Notify(String channel) implements Command<Long> {}

  @TypeName("probe.refuse")
  public record Refuse(String channel) implements Command<Done> {}

  @TypeName("probe.hold")
  public record Hold(String latch) implements Command<Done> {}

  @TypeName("probe.get")
  public record Get() implements Command<State> {}

  public sealed interface Event {}

  @TypeName("probe.added")
  public record Added(long n) implements Event {}

  @TypeName("probe.state")
  public record State(long total, int events) {}

  @Override
  public State emptyState() {
    return new State(0, 0);
  }

  @Override
  public Effect<Event, State> decide(State state, Command<?> command) {
    return switch (command) {
      case Add a -> effects().persist(new Added(a.n())).thenReply(a, State::total);
      case AddTwice a ->
          effects().persist(new Added(a.n()), new Added(a.n())).thenReply(a, State::total);
      case Ping p -> effects().none();
      case Forget f -> effects().none();
      case Boom b -> throw new IllegalStateException("boom");
      case Notify n ->
          effects()
              .persist(new Added(1))
              .thenRun(
                  s ->
                      SEEN.computeIfAbsent(n.channel(), c -> new LinkedBlockingQueue<>())
                          .add(s.total()))
              .thenReply(n, State::total);
      case Refuse r -> effects().reject("refused");
      case Hold h -> effects().none().thenRun(s -> await(LATCHES.get(h.latch())));
      case Get g -> effects().reply(g, state);
    };
  }

  @Override
  public State evolve(State state, Event event) {
    return switch (event) {
      case Added a -> new State(state.total() + a.n(), state.events() + 1);
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
