package io.acta.runtime.internal.entity;

import io.acta.api.entity.EntitySettings;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.Rejection;
import io.acta.api.spi.EffectImpl;
import io.acta.api.spi.EntityLogic;
import io.acta.api.spi.EvolveFailedException;
import io.acta.api.spi.Outcome;
import io.acta.runtime.internal.fence.PauseFence;
import io.acta.runtime.internal.serialization.ActaSetup;
import io.acta.runtime.internal.serialization.PayloadCodec;
import io.acta.runtime.spi.Slices;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One entity as a Pekko event-sourced behaviour. Runs the entity's own decide and evolve through
 * {@link EntityLogic}, answers every command with an {@link Outcome} (a rejection at once, a
 * failure instead of a hang), and keeps idempotency keys in the journal beside the events they
 * guard.
 */
public final class EntityBehavior<C, E, S>
    extends EventSourcedBehavior<EntityMessage, Object, EntityState<S>> {
  private static final Logger log = LoggerFactory.getLogger(EntityBehavior.class);

  private final EntityLogic<C, E, S> logic;
  private final EntitySettings settings;
  private final PayloadCodec codec;
  private final Clock clock;
  private final Set<String> tags;
  private final ActorContext<EntityMessage> context;
  private final KeyIndex keys;
  private final EventPush push;
  private final String tag;

  /**
   * The store step a keyed command is waiting for, 0 when none is; other commands are stashed
   * meanwhile. Actor state, not persisted state: only this actor's thread touches it.
   */
  private long step;

  private long lastStep;
  private final Counter persisted;
  private final PauseFence fence;

  private final CommandSpans spans;

  /** Drives the steps of a process; {@code null} for an entity that is no process. */
  private final ProcessDriver<E, S> process;

  private EntityBehavior(
      ActorContext<EntityMessage> context,
      PersistenceId id,
      EntityType<?, E, S> type,
      String entityId,
      EntitySettings settings,
      ActaSetup setup,
      TimerScheduler<EntityMessage> timers,
      ActorRef<ClusterSharding.ShardCommand> shard) {
    // A store failure restarts the entity with backoff; callers meanwhile fail by their ask
    // timeout.
    super(
        id,
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2)
            .withLogLevel(Level.WARN));
    this.logic = new EntityLogic<>(type);
    this.settings = settings;
    this.codec = setup.codec();
    this.clock = setup.clock();
    this.tag = Slices.tag(type.name(), entityId, settings.slices());
    this.tags = Set.of(tag);
    this.context = context;
    this.keys = KeyIndex.get(context.getSystem());
    this.push = EventPush.get(context.getSystem());
    this.fence = setup.fence();
    this.spans = new CommandSpans(type.name(), entityId);
    this.persisted =
        Counter.builder("acta.events.persisted")
            .description("Events persisted by entities")
            .tag("entity_type", type.name())
            .register(setup.meters());
    this.process =
        logic.isProcess()
            ? new ProcessDriver<>(
                logic,
                type.name(),
                entityId,
                context,
                timers,
                // A finished process leaves memory, and the shard's remembered entities.
                () -> shard.tell(new ClusterSharding.Passivate<>(context.getSelf().narrow())),
                clock,
                settings.askTimeout(),
                ProcessRetries.DEFAULT,
                setup.processes())
            : null;
  }

  /**
   * The behaviour of entity {@code entityId} of {@code type}; its persistence id is {@code
   * type|entityId}.
   */
  public static <E, S> Behavior<CommandEnvelope> create(
      EntityType<?, E, S> type,
      String entityId,
      EntitySettings settings,
      ActorRef<ClusterSharding.ShardCommand> shard) {
    return Behaviors.<EntityMessage>setup(
            ctx ->
                Behaviors.<EntityMessage>withTimers(
                    timers ->
                        new EntityBehavior<>(
                            ctx,
                            // Acta's format of persistence ids (one owner: the api's
                            // PersistenceId), which Pekko stores as given.
                            PersistenceId.ofUniqueId(
                                io.acta.api.entity.PersistenceId.of(type.name(), entityId).value()),
                            type,
                            entityId,
                            settings,
                            ActaSetup.of(ctx.getSystem().classicSystem()),
                            timers,
                            shard)))
        .narrow();
  }

  @Override
  public EntityState<S> emptyState() {
    return EntityState.initial(logic.emptyState());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return settings.snapshotEvery() > 0
        ? RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.keepSnapshots())
        : RetentionCriteria.disabled();
  }

  /**
   * Every event carries its slice's tag, the runtime's own records too: a view then sees every
   * position of the journal, so a reply's write position is always one it reaches
   * (read-your-writes).
   */
  @Override
  public Set<String> tagsFor(Object event) {
    return tags;
  }

  @Override
  @SuppressWarnings("unchecked")
  public EventHandler<EntityState<S>, Object> eventHandler() {
    return (state, entry) -> {
      // A traced event is the event to the entity: the trace is for those that read it later.
      Object event = TracedEvent.unwrap(entry);
      // Past an event it cannot apply the entity's state is unknown: it applies nothing more.
      if (state.hasFailed()) return state;
      if (event instanceof IdempotencyRecorded r) {
        return state.withIdempotency(
            state
                .idempotency()
                .with(r, settings.idempotencyWindow(), settings.idempotencyCachedKeys()));
      }
      try {
        return state.withState(logic.evolve(state.state(), (E) event));
      } catch (EvolveFailedException e) {
        // A stored event gets here (new ones are folded before they are persisted; only an
        // impure evolve could fail on them now). Evolve would fail on it again after every
        // restart, so rather than restart in a loop while callers time out, the entity stays up
        // and fails every command at once, saying why.
        log.error(
            "{} cannot apply its stored events and refuses every command: {}",
            persistenceId(),
            e.getMessage(),
            e);
        return state.failed(
            "entity "
                + persistenceId().id()
                + " cannot apply its stored events: "
                + e.getMessage()
                + "; it refuses every command until evolve() is fixed");
      }
    };
  }

  @Override
  public CommandHandler<EntityMessage, Object, EntityState<S>> commandHandler() {
    return (state, message) ->
        switch (message) {
          // While a keyed command waits for the store, the entity's state must not move: every
          // other command waits its turn, in order.
          // A process waiting for an entity's answer takes no command until it has it (reads
          // excepted), so that its state moves only by the step's outcome meanwhile.
          // An operator's retry or abandon reaches a process also while it waits for an answer.
          // Passivated or handed off: behind the keyed command in flight and the commands stashed
          // behind it. A process waiting for an answer stops at once: it goes on from its journal
          // wherever it starts again.
          case CommandEnvelope envelope when envelope.command() == StopEntity.INSTANCE ->
              step != 0 ? Effect().stash() : Effect().stop();
          case CommandEnvelope envelope when envelope.command() instanceof ProcessControl control ->
              step != 0 ? Effect().stash() : control(state, envelope, control);
          case CommandEnvelope envelope ->
              step != 0
                      || process != null
                          && process.asking()
                          && envelope.command() != GetState.INSTANCE
                  ? Effect().stash()
                  : handle(state, envelope);
          case ProcessMessage m -> processStep(state, m);
          case KeyStep answer ->
              answer.step() == step ? continueKeyed(state, answer) : stale(answer.envelope());
          case EntityMessage.Resume resume -> Effect().unstashAll();
        };
  }

  @Override
  public SignalHandler<EntityState<S>> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              // After a restart (a store failure) no step is in flight any more; commands stashed
              // behind the one that failed run now.
              if (step != 0) {
                step = 0;
                context.getSelf().tell(new EntityMessage.Resume());
              }
              // A process resumes where its journal left it, after a restart or a failover.
              if (process != null && !state.hasFailed()) {
                process.drive(state.state(), lastSequenceNumber(context));
              }
            })
        .onSignal(
            PostStop.instance(),
            state -> {
              if (process != null) process.stopped();
            })
        .build();
  }

  private Effect<Object, EntityState<S>> handle(EntityState<S> state, CommandEnvelope envelope) {
    Object command = envelope.command();
    spans.taken(envelope);
    // After a long pause this node may no longer own the entity: another one may have recovered
    // it and persisted since, and what this one persisted now would reuse its sequence numbers
    // (the journal would hold two events under each, and a recovery fold both). Its state may
    // be stale too, so it answers nothing, not even reads.
    if (!fence.isOpen())
      return endStep(envelope, new Outcome.Unavailable(fence.refusal() + "; nothing was stored"));
    if (state.hasFailed()) return endStep(envelope, new Outcome.Failed(state.failure()));
    if (command == GetState.INSTANCE)
      return endStep(envelope, positioned(new Outcome.Accepted(state.state())));
    String key =
        command instanceof Idempotent i
                && i.idempotencyKey() != null
                && !i.idempotencyKey().isBlank()
            ? i.idempotencyKey()
            : null;
    if (key == null) return decide(state, envelope, null);

    var keyed = new KeyStep.Keyed(envelope, key, fingerprint(command), clock.millis());
    IdempotencyRecorded recent =
        state.idempotency().find(key, keyed.atMillis(), settings.idempotencyWindow());
    if (recent != null) return endStep(envelope, positioned(repeat(recent, keyed)));
    // Not among the keys kept in memory: the store's key index knows every key of the window.
    long id = beginStep();
    context.pipeToSelf(
        keys.find(persistenceId().id(), key),
        (found, failure) -> new KeyStep.Found(id, keyed, found, failure));
    return Effect().none();
  }

  /** The next move of the keyed command in flight, now that the store has answered. */
  @SuppressWarnings("unchecked")
  private Effect<Object, EntityState<S>> continueKeyed(EntityState<S> state, KeyStep answer) {
    return switch (answer) {
      case KeyStep.Found f when f.failure() != null ->
          endStep(f.envelope(), unavailable("checked", f.failure()));
      case KeyStep.Found f -> {
        long at = f.sequenceNr().orElse(Long.MAX_VALUE);
        // A position past the journal's end is a note whose persist failed: the key is new.
        if (at > lastSequenceNumber(context)) yield decide(state, f.keyed().envelope(), f.keyed());
        context.pipeToSelf(
            keys.recordAt(persistenceId().id(), at),
            (record, failure) -> new KeyStep.Read(f.step(), f.keyed(), record, failure));
        yield Effect().none();
      }
      case KeyStep.Read r when r.failure() != null ->
          endStep(r.envelope(), unavailable("checked", r.failure()));
      case KeyStep.Read r -> {
        KeyStep.Keyed keyed = r.keyed();
        IdempotencyRecorded record =
            r.record()
                .filter(rec -> rec.key().equals(keyed.key()))
                .filter(
                    rec ->
                        keyed.atMillis() - rec.atMillis()
                            <= settings.idempotencyWindow().toMillis())
                .orElse(null);
        // Another entry at that position: the noted persist failed and the key is new after all.
        yield record == null
            ? decide(state, keyed.envelope(), keyed)
            : endStep(keyed.envelope(), positioned(repeat(record, keyed)));
      }
      case KeyStep.Noted n when n.failure() != null ->
          endStep(n.envelope(), unavailable("recorded", n.failure()));
      case KeyStep.Noted n when !fence.isOpen() ->
          endStep(n.envelope(), new Outcome.Unavailable(fence.refusal() + "; nothing was stored"));
      case KeyStep.Noted n -> {
        step = 0;
        yield persist(
            (EffectImpl<E, S>) n.decided().effect(),
            n.decided().toPersist(),
            n.envelope(),
            new Outcome.Accepted(n.decided().reply()));
      }
    };
  }

  /**
   * Runs {@code decide} on a command that is not a repeat and acts on its effect: a reply, or a
   * persist — for a keyed command, once the key index has noted the key.
   */
  private Effect<Object, EntityState<S>> decide(
      EntityState<S> state, CommandEnvelope envelope, KeyStep.Keyed keyed) {
    Object command = envelope.command();
    ActorRef<Outcome> replyTo = envelope.replyTo();
    EffectImpl<E, S> effect;
    try {
      effect = logic.decide(state.state(), command);
    } catch (RuntimeException e) {
      return endStep(
          envelope,
          failure(
              command,
              "decide() failed on " + command.getClass().getSimpleName() + ": " + e.getMessage(),
              e));
    }
    if (effect.rejected()) return endStep(envelope, new Outcome.Rejected(effect.rejection()));

    if (effect.events().isEmpty()) {
      Outcome outcome = safeOutcome(effect, state.state(), command);
      runSideEffects(effect, state.state());
      return endStep(envelope, positioned(outcome));
    }

    // Folded before persisting, on every path: an event evolve cannot apply is refused here, where
    // only this command fails, instead of being stored and failing every recovery of the entity.
    S newState;
    try {
      newState = logic.fold(state.state(), effect.events());
    } catch (EvolveFailedException e) {
      return endStep(envelope, failure(command, e.getMessage() + "; nothing was persisted", e));
    }
    if (keyed == null) return persist(effect, List.copyOf(effect.events()), envelope, null);

    // The reply is stored with the key, so compute it now from the state the events will produce.
    Outcome reply = safeOutcome(effect, newState, command);
    if (!(reply instanceof Outcome.Accepted accepted)) {
      step = 0;
      return persist(effect, List.copyOf(effect.events()), envelope, reply);
    }
    List<Object> toPersist = new ArrayList<>(effect.events());
    toPersist.add(
        new IdempotencyRecorded(
            keyed.key(), keyed.fingerprint(), accepted.reply(), keyed.atMillis()));
    // The record lands right after the events. The index learns that position before the persist,
    // so a key is never in the journal without being in the index; a note whose persist then fails
    // is told apart by reading that position back (see continueKeyed).
    long recordAt = lastSequenceNumber(context) + toPersist.size();
    long id = step != 0 ? step : beginStep();
    var decided = new KeyStep.Decided(effect, toPersist, accepted.reply());
    context.pipeToSelf(
        keys.note(persistenceId().id(), keyed.key(), recordAt, settings.idempotencyWindow()),
        (done, failure) -> new KeyStep.Noted(id, keyed, decided, failure));
    return Effect().none();
  }

  /**
   * Persists {@code toPersist} and replies {@code fixed} (or, when null, the reply computed from
   * the new state), then runs the commands that waited.
   */
  private Effect<Object, EntityState<S>> persist(
      EffectImpl<E, S> effect, List<Object> toPersist, CommandEnvelope envelope, Outcome fixed) {
    Span write =
        spans.persisting(envelope, effect.events().size(), lastSequenceNumber(context) + 1);
    List<Object> entries = CommandSpans.traced(toPersist, write);
    return Effect()
        .persist(entries)
        .thenRun((EntityState<S> s) -> write.end())
        .thenRun((EntityState<S> s) -> pushed(entries))
        .thenRun((EntityState<S> s) -> persisted.increment(effect.events().size()))
        .thenRun(
            (EntityState<S> s) -> {
              // Not after a pause: the write may have landed beside a new owner's (see below).
              if (!s.hasFailed() && fence.isOpen()) runSideEffects(effect, s.state());
            })
        .thenRun(
            (EntityState<S> s) -> {
              // A process's next step continues the trace that moved it.
              Context.current().with(write).wrap(() -> driveProcess(s)).run();
            })
        .thenReply(
            envelope.replyTo(), s -> answered(envelope, outcomeOf(effect, s, envelope, fixed)))
        .thenUnstashAll();
  }

  /**
   * Pushes the entries just persisted to the projections of the entity's slice ({@link EventPush}).
   * Not after a pause: the write may have landed beside a new owner's, and the journal decides
   * which stands.
   */
  private void pushed(List<Object> entries) {
    if (!fence.isOpen()) return;
    long last = lastSequenceNumber(context);
    push.publish(tag, persistenceId().id(), last - entries.size() + 1, clock.millis(), entries);
  }

  private Outcome outcomeOf(
      EffectImpl<E, S> effect, EntityState<S> s, CommandEnvelope envelope, Outcome fixed) {
    return s.hasFailed()
        ? new Outcome.Failed(s.failure())
        : !fence.isOpen()
            // Paused while the write was under way: if it was already past the
            // store's own check it may have landed after another node took over, under
            // a sequence number that node uses too. Not acknowledged, at least.
            ? new Outcome.Unavailable(
                fence.refusal()
                    + "; the command may or may not have been stored: retry it with"
                    + " the same idempotency key")
            : positioned(
                fixed != null ? fixed : safeOutcome(effect, s.state(), envelope.command()));
  }

  /** Ends the command's span with the outcome the entity answers. */
  private Outcome answered(CommandEnvelope envelope, Outcome outcome) {
    spans.answered(envelope, outcome);
    return outcome;
  }

  /** Starts the step of a process's new state; nothing for an entity that is no process. */
  private void driveProcess(EntityState<S> s) {
    if (process != null && !s.hasFailed() && fence.isOpen()) {
      process.drive(s.state(), lastSequenceNumber(context));
    }
  }

  /**
   * A process's own message: the outcome of a step, folded (an event evolve cannot apply stops the
   * process there, persisting nothing) and persisted before the next step starts.
   */
  private Effect<Object, EntityState<S>> processStep(EntityState<S> state, ProcessMessage message) {
    // After a long pause the process may have moved to another node: it persists nothing here.
    if (process == null || state.hasFailed() || !fence.isOpen()) return Effect().none();
    var event = process.on(state.state(), message);
    if (event.isEmpty()) return Effect().none();
    try {
      logic.fold(state.state(), List.of(event.get()));
    } catch (EvolveFailedException e) {
      process.outcomeRejectedByEvolve(
          "evolve cannot apply the outcome of its step, so it stops there: " + e.getMessage());
      return Effect().none();
    }
    return Effect()
        .persist(event.get())
        .thenRun((EntityState<S> s) -> pushed(List.of(event.get())))
        .thenRun((EntityState<S> s) -> persisted.increment())
        .thenRun(this::driveProcess)
        .thenUnstashAll();
  }

  /** An operator's retry or abandon of a process's step; answered with the process's state. */
  private Effect<Object, EntityState<S>> control(
      EntityState<S> state, CommandEnvelope envelope, ProcessControl control) {
    ActorRef<Outcome> replyTo = envelope.replyTo();
    if (!fence.isOpen())
      return Effect()
          .reply(replyTo, new Outcome.Unavailable(fence.refusal() + "; nothing was done"));
    if (process == null)
      return Effect()
          .reply(
              replyTo,
              new Outcome.Rejected(Rejection.invalid(persistenceId().id() + " is not a process")));
    if (state.hasFailed()) return Effect().reply(replyTo, new Outcome.Failed(state.failure()));
    return switch (control) {
      case ProcessControl.Retry r ->
          process.retryNow(state.state())
              ? Effect().reply(replyTo, positioned(new Outcome.Accepted(state.state())))
              : Effect()
                  .reply(
                      replyTo,
                      new Outcome.Rejected(
                          Rejection.conflict(
                              persistenceId().id() + " is not stuck: nothing to retry")));
      case ProcessControl.Abandon a -> abandon(state, replyTo, a.reason());
    };
  }

  private Effect<Object, EntityState<S>> abandon(
      EntityState<S> state, ActorRef<Outcome> replyTo, String reason) {
    E event;
    try {
      event = process.abandon(state.state(), reason);
      logic.fold(state.state(), List.of(event));
    } catch (IllegalStateException | EvolveFailedException e) {
      return Effect().reply(replyTo, new Outcome.Rejected(Rejection.conflict(e.getMessage())));
    }
    return Effect()
        .persist(event)
        .thenRun((EntityState<S> s) -> pushed(List.of(event)))
        .thenRun((EntityState<S> s) -> persisted.increment())
        .thenRun(this::driveProcess)
        .thenReply(replyTo, s -> positioned(new Outcome.Accepted(s.state())))
        .thenUnstashAll();
  }

  /** The original reply to a repeated key, or a refusal when the key named another command. */
  private static Outcome repeat(IdempotencyRecorded seen, KeyStep.Keyed keyed) {
    return seen.fingerprint().equals(keyed.fingerprint())
        ? new Outcome.Accepted(seen.reply())
        : new Outcome.Rejected(
            Rejection.invalid(
                "idempotency key '" + keyed.key() + "' was already used for a different command"));
  }

  private long beginStep() {
    step = ++lastStep;
    return step;
  }

  /** Answers the command of the step in flight (if any) and runs the commands that waited. */
  private Effect<Object, EntityState<S>> endStep(CommandEnvelope envelope, Outcome outcome) {
    spans.answered(envelope, outcome);
    if (step == 0) return Effect().reply(envelope.replyTo(), outcome);
    step = 0;
    return Effect().reply(envelope.replyTo(), outcome).thenUnstashAll();
  }

  /** An answer to a step of an earlier incarnation: its command never ran. */
  private Effect<Object, EntityState<S>> stale(CommandEnvelope envelope) {
    spans.answered(
        envelope,
        new Outcome.Unavailable(
            "the entity restarted before the command ran; nothing was applied"));
    return Effect()
        .reply(
            envelope.replyTo(),
            new Outcome.Unavailable(
                "the entity restarted before the command ran; nothing was applied, retry it"));
  }

  private Outcome.Unavailable unavailable(String what, Throwable failure) {
    log.warn(
        "{}: the idempotency key could not be {}: {}", persistenceId(), what, failure.toString());
    return new Outcome.Unavailable(
        "the idempotency key could not be "
            + what
            + " (the store did not answer); nothing was applied, retry with the same key");
  }

  /**
   * An accepted outcome with the journal position it leaves the entity at, for read-your-writes.
   */
  private Outcome positioned(Outcome outcome) {
    return outcome instanceof Outcome.Accepted a ? a.at(lastSequenceNumber(context)) : outcome;
  }

  private Outcome safeOutcome(EffectImpl<E, S> effect, S newState, Object command) {
    try {
      return logic.outcome(effect, newState, command);
    } catch (RuntimeException e) {
      log.error(
          "Reply function of {} failed for {}",
          persistenceId(),
          command.getClass().getSimpleName(),
          e);
      return new Outcome.Failed(
          "the entity's reply to "
              + command.getClass().getSimpleName()
              + " failed: "
              + e.getMessage());
    }
  }

  private void runSideEffects(EffectImpl<E, S> effect, S newState) {
    try {
      logic.runSideEffects(effect, newState);
    } catch (RuntimeException e) {
      // The events are stored: a failing side effect must not undo that, nor kill the entity.
      log.error("A side effect of {} failed after its events were persisted", persistenceId(), e);
    }
  }

  /** Fails one command, whose effect is dropped: the entity goes on with its state unchanged. */
  private Outcome.Failed failure(Object command, String message, RuntimeException e) {
    log.error(
        "{} failed {}; nothing was persisted: {}",
        persistenceId(),
        command.getClass().getSimpleName(),
        message,
        e);
    return new Outcome.Failed(message);
  }

  /**
   * A digest of the command's stored form: equal commands give equal fingerprints on every node.
   */
  private String fingerprint(Object command) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(codec.entryOf(command).manifest().getBytes(StandardCharsets.UTF_8));
      sha.update(codec.toBytes(command));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
