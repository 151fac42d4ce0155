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
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
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
    extends EventSourcedBehavior<CommandEnvelope, Object, EntityState<S>> {
  private static final Logger log = LoggerFactory.getLogger(EntityBehavior.class);

  private final EntityLogic<C, E, S> logic;
  private final EntitySettings settings;
  private final PayloadCodec codec;
  private final Clock clock;
  private final Set<String> tags;
  private final ActorContext<CommandEnvelope> context;
  private final Counter persisted;
  private final PauseFence fence;

  private EntityBehavior(
      ActorContext<CommandEnvelope> context,
      PersistenceId id,
      EntityType<?, E, S> type,
      String entityId,
      EntitySettings settings,
      ActaSetup setup) {
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
    this.tags = Set.of(Slices.tag(type.name(), entityId, settings.slices()));
    this.context = context;
    this.fence = setup.fence();
    this.persisted =
        Counter.builder("acta.events.persisted")
            .description("Events persisted by entities")
            .tag("entity_type", type.name())
            .register(setup.meters());
  }

  /**
   * The behaviour of entity {@code entityId} of {@code type}; its persistence id is {@code
   * type|entityId}.
   */
  public static <E, S> Behavior<CommandEnvelope> create(
      EntityType<?, E, S> type, String entityId, EntitySettings settings) {
    return Behaviors.setup(
        ctx ->
            new EntityBehavior<>(
                ctx,
                // Acta's format of persistence ids (one owner: io.acta.api.entity.PersistenceId),
                // which Pekko stores as given.
                PersistenceId.ofUniqueId(
                    io.acta.api.entity.PersistenceId.of(type.name(), entityId).value()),
                type,
                entityId,
                settings,
                ActaSetup.of(ctx.getSystem().classicSystem())));
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
    return (state, event) -> {
      // Past an event it cannot apply the entity's state is unknown: it applies nothing more.
      if (state.hasFailed()) return state;
      if (event instanceof IdempotencyRecorded r) {
        return state.withIdempotency(
            state
                .idempotency()
                .with(r, settings.idempotencyWindow(), settings.idempotencyMaxKeys()));
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
  public CommandHandler<CommandEnvelope, Object, EntityState<S>> commandHandler() {
    return this::handle;
  }

  private Effect<Object, EntityState<S>> handle(EntityState<S> state, CommandEnvelope envelope) {
    Object command = envelope.command();
    ActorRef<Outcome> replyTo = envelope.replyTo();
    // After a long pause this node may no longer own the entity: another one may have recovered
    // it and persisted since, and what this one persisted now would reuse its sequence numbers
    // (the journal would hold two events under each, and a recovery fold both). Its state may
    // be stale too, so it answers nothing, not even reads.
    if (!fence.isOpen())
      return Effect()
          .reply(replyTo, new Outcome.Unavailable(fence.refusal() + "; nothing was stored"));
    if (state.hasFailed()) return Effect().reply(replyTo, new Outcome.Failed(state.failure()));
    if (command == GetState.INSTANCE)
      return Effect().reply(replyTo, positioned(new Outcome.Accepted(state.state())));
    String key =
        command instanceof Idempotent i
                && i.idempotencyKey() != null
                && !i.idempotencyKey().isBlank()
            ? i.idempotencyKey()
            : null;
    long now = clock.millis();
    String fingerprint = null;
    if (key != null) {
      fingerprint = fingerprint(command);
      IdempotencyRecorded seen = state.idempotency().find(key, now, settings.idempotencyWindow());
      if (seen != null) {
        Outcome repeat =
            seen.fingerprint().equals(fingerprint)
                ? new Outcome.Accepted(seen.reply())
                : new Outcome.Rejected(
                    Rejection.invalid(
                        "idempotency key '" + key + "' was already used for a different command"));
        return Effect().reply(replyTo, positioned(repeat));
      }
    }

    EffectImpl<E, S> effect;
    try {
      effect = logic.decide(state.state(), command);
    } catch (RuntimeException e) {
      return fail(
          replyTo,
          command,
          "decide() failed on " + command.getClass().getSimpleName() + ": " + e.getMessage(),
          e);
    }
    if (effect.rejected()) return Effect().reply(replyTo, new Outcome.Rejected(effect.rejection()));

    if (effect.events().isEmpty()) {
      Outcome outcome = safeOutcome(effect, state.state(), command);
      runSideEffects(effect, state.state());
      return Effect().reply(replyTo, positioned(outcome));
    }

    // Folded before persisting, on every path: an event evolve cannot apply is refused here, where
    // only this command fails, instead of being stored and failing every recovery of the entity.
    S newState;
    try {
      newState = logic.fold(state.state(), effect.events());
    } catch (EvolveFailedException e) {
      return fail(replyTo, command, e.getMessage() + "; nothing was persisted", e);
    }
    List<Object> toPersist = new ArrayList<>(effect.events());
    Outcome precomputed = null;
    if (key != null) {
      // The reply is stored with the key, so compute it now from the state the events will produce.
      precomputed = safeOutcome(effect, newState, command);
      if (precomputed instanceof Outcome.Accepted accepted) {
        toPersist.add(new IdempotencyRecorded(key, fingerprint, accepted.reply(), now));
      }
    }
    final Outcome fixed = precomputed;
    return Effect()
        .persist(toPersist)
        .thenRun((EntityState<S> s) -> persisted.increment(effect.events().size()))
        .thenRun(
            (EntityState<S> s) -> {
              // Not after a pause: the write may have landed beside a new owner's (see below).
              if (!s.hasFailed() && fence.isOpen()) runSideEffects(effect, s.state());
            })
        .thenReply(
            replyTo,
            s ->
                s.hasFailed()
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
                            fixed != null ? fixed : safeOutcome(effect, s.state(), command)));
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
  private Effect<Object, EntityState<S>> fail(
      ActorRef<Outcome> replyTo, Object command, String message, RuntimeException e) {
    log.error(
        "{} failed {}; nothing was persisted: {}",
        persistenceId(),
        command.getClass().getSimpleName(),
        message,
        e);
    return Effect().reply(replyTo, new Outcome.Failed(message));
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
