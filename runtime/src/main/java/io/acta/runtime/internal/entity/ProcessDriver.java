package io.acta.runtime.internal.entity;

import io.acta.api.entity.Idempotent;
import io.acta.api.entity.Rejection;
import io.acta.api.entity.ReplyType;
import io.acta.api.process.ProcessInFlight;
import io.acta.api.process.Step;
import io.acta.api.process.StuckProcess;
import io.acta.api.spi.EntityLogic;
import io.acta.api.spi.Outcome;
import io.acta.runtime.spi.Traces;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one process through its steps: after recovery and after every event it asks {@link
 * EntityLogic#next} what to do, sends an ask (again, with backoff, until it is answered), arms a
 * timer, or lets the process go. It only decides; the behaviour persists the events it returns.
 *
 * <p>Each step is identified by the journal position of the state it was computed from: its
 * idempotency key is {@code <process persistence id>#<position>}, the same after any restart, so a
 * step sent again is applied once by the entity asked.
 */
final class ProcessDriver<E, S> {
  private static final Logger log = LoggerFactory.getLogger(ProcessDriver.class);
  private static final String TIMER = "process-step";

  private final EntityLogic<?, E, S> logic;
  private final String processType;
  private final String processId;
  private final String persistenceId;
  private final ActorContext<EntityMessage> context;
  private final TimerScheduler<EntityMessage> timers;
  private final Runnable finish;
  private final Clock clock;
  private final Duration askTimeout;
  private final ProcessRetries retries;
  private final ProcessHealth health;

  /** The position of the step being driven; -1 before the first. */
  private long current = -1;

  /** Whether an ask of the current step is unanswered: user commands wait meanwhile. */
  private boolean asking;

  private int failures;

  /** When the current step's first failure in a row happened; {@code null} while none has. */
  private Instant failingSince;

  /** Whether the process is reported stuck to {@link ProcessHealth}. */
  private boolean reported;

  /** When the current step's ask was first sent ({@link System#nanoTime}); 0 when none is. */
  private long askedAt;

  private final Timer answered;
  private final Timer rejected;

  ProcessDriver(
      EntityLogic<?, E, S> logic,
      String processType,
      String processId,
      ActorContext<EntityMessage> context,
      TimerScheduler<EntityMessage> timers,
      Runnable finish,
      Clock clock,
      Duration askTimeout,
      ProcessRetries retries,
      ProcessHealth health) {
    this.logic = logic;
    this.processType = processType;
    this.processId = processId;
    this.persistenceId = io.acta.api.entity.PersistenceId.of(processType, processId).value();
    this.context = context;
    this.timers = timers;
    this.finish = finish;
    this.clock = clock;
    this.askTimeout = askTimeout;
    this.retries = retries;
    this.health = health;
    health.register(processType);
    this.answered = health.stepTimer(processType, "accepted");
    this.rejected = health.stepTimer(processType, "rejected");
  }

  /** Whether the process waits for an entity's answer: its commands are stashed meanwhile. */
  boolean asking() {
    return asking;
  }

  /** Starts the step of {@code state}, reached at journal position {@code at}. */
  void drive(S state, long at) {
    timers.cancel(TIMER);
    current = at;
    asking = false;
    failures = 0;
    askedAt = 0;
    progresses();
    Step<E> step;
    try {
      step = logic.next(state);
    } catch (RuntimeException e) {
      cannotGoOn("next", "next() failed: " + e, e);
      return;
    }
    Instant now = clock.instant();
    switch (step) {
      case Step.Ask<E, ?> ask ->
          health.stepping(
              new ProcessInFlight(
                  processType,
                  processId,
                  "ask " + ask.type().name() + "|" + ask.entityId(),
                  now,
                  null));
      case Step.WaitUntil<E> wait ->
          health.stepping(
              new ProcessInFlight(
                  processType, processId, "wait until " + wait.due(), now, wait.due()));
      case Step.AwaitCommand a ->
          health.stepping(
              new ProcessInFlight(processType, processId, "await a command", now, null));
      case Step.Finish f -> health.gone(persistenceId);
    }
    switch (step) {
      case Step.Ask<E, ?> ask -> send(ask, at);
      case Step.WaitUntil<E> wait -> {
        Duration delay = Duration.between(now, wait.due());
        timers.startSingleTimer(
            TIMER, new ProcessMessage.Due(at), delay.isNegative() ? Duration.ZERO : delay);
      }
      case Step.AwaitCommand a -> {}
      case Step.Finish f -> finish.run();
    }
  }

  /**
   * The event {@code message} brings the process in {@code state}, if any: a step's reply or
   * rejection mapped by the step, or a due timer's event. Unanswered asks are sent again.
   */
  Optional<E> on(S state, ProcessMessage message) {
    if (message.at() != current) return Optional.empty(); // of a step the process has left
    Step<E> step;
    try {
      step = logic.next(state);
    } catch (RuntimeException e) {
      cannotGoOn("next", "next() failed: " + e, e);
      return Optional.empty();
    }
    return switch (message) {
      case ProcessMessage.Answered a when asking && step instanceof Step.Ask<E, ?> ask ->
          answered(ask, a);
      case ProcessMessage.Retry r when asking && step instanceof Step.Ask<E, ?> ask -> {
        send(ask, current);
        yield Optional.empty();
      }
      case ProcessMessage.Due d when step instanceof Step.WaitUntil<E> wait ->
          Optional.of(wait.onDue());
      default -> Optional.empty();
    };
  }

  /**
   * An operator's retry: the current step is made again now, an ask sent at once with its backoff
   * started over. Whether the process was stuck (otherwise nothing happens).
   */
  boolean retryNow(S state) {
    if (!reported) return false;
    log.info("{}: an operator retries its step", persistenceId);
    drive(state, current);
    return true;
  }

  /**
   * An operator's abandon of the ask in flight: the event the step's rejection mapping makes of the
   * operator's rejection, for the behaviour to persist.
   *
   * @throws IllegalStateException when no ask is in flight, or its rejection cannot be mapped
   */
  E abandon(S state, String reason) {
    if (!asking)
      throw new IllegalStateException(
          persistenceId + " is not waiting on an ask: nothing to abandon");
    Step<E> step;
    try {
      step = logic.next(state);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          persistenceId + " cannot compute its step: " + e.getMessage());
    }
    if (!(step instanceof Step.Ask<E, ?> ask))
      throw new IllegalStateException(
          persistenceId + " is not waiting on an ask: nothing to abandon");
    E event;
    try {
      event = ask.onRejection().apply(Rejection.conflict("abandoned by an operator: " + reason));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          persistenceId + " cannot map the abandon of its step to an event: " + e.getMessage());
    }
    log.warn(
        "{}: an operator abandons its ask of {}|{} ({})",
        persistenceId,
        ask.type().name(),
        ask.entityId(),
        reason);
    timers.cancel(TIMER);
    asking = false; // a late answer of the entity asked is dropped
    progresses();
    return event;
  }

  /**
   * The outcome of the current step cannot be applied (evolve throws on it): the process stays
   * where it is, reported stuck, until a fix and an operator's retry.
   */
  void outcomeRejectedByEvolve(String reason) {
    cannotGoOn("apply the step's outcome", reason, null);
  }

  /** The process's actor stops (finished, passivated, handed off): it is no longer this node's. */
  void stopped() {
    health.gone(persistenceId);
    reported = false;
  }

  /** The idempotency key of the step at {@code at}: the same for every attempt of the step. */
  String keyOf(long at) {
    return persistenceId + "#" + at;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Optional<E> answered(Step.Ask<E, ?> ask, ProcessMessage.Answered answer) {
    Outcome outcome =
        answer.failure() != null
            ? new Outcome.Failed(String.valueOf(answer.failure().getMessage()))
            : answer.outcome();
    E event;
    try {
      event =
          switch (outcome) {
            case Outcome.Accepted accepted ->
                (E) ((java.util.function.Function) ask.onReply()).apply(accepted.reply());
            case Outcome.Rejected rejected -> ask.onRejection().apply(rejected.rejection());
            case Outcome.Failed failed -> {
              retryLater(ask, failed.message());
              yield null;
            }
            case Outcome.Unavailable unavailable -> {
              retryLater(ask, unavailable.message());
              yield null;
            }
          };
    } catch (RuntimeException e) {
      // A mapping that fails (a reply of another type than the step expects) fails every time.
      cannotGoOn(describe(ask), "cannot map the answer to an event: " + e, e);
      return Optional.empty();
    }
    if (event == null) return Optional.empty();
    asking = false;
    progresses();
    if (askedAt != 0) {
      (outcome instanceof Outcome.Accepted ? answered : rejected)
          .record(System.nanoTime() - askedAt, TimeUnit.NANOSECONDS);
      askedAt = 0;
    }
    return Optional.of(event);
  }

  private void send(Step.Ask<E, ?> ask, long at) {
    String key = keyOf(at);
    ReplyType<?> command = ask.command().apply(key);
    if (!(command instanceof Idempotent i) || !key.equals(i.idempotencyKey())) {
      cannotGoOn(
          describe(ask),
          "the command its step sends must implement Idempotent and carry the key the step was"
              + " given, so that a step sent again is applied once",
          null);
      return;
    }
    asking = true;
    if (askedAt == 0) askedAt = System.nanoTime();
    EntityRef<CommandEnvelope> target =
        ClusterSharding.get(context.getSystem())
            .entityRefFor(
                EntityTypeKey.create(CommandEnvelope.class, ask.type().name()), ask.entityId());
    Span span = stepSpan(ask, at);
    String trace = Traces.traceparent(Context.current().with(span));
    CompletionStage<Outcome> reply =
        target.ask(
            (ActorRef<Outcome> replyTo) -> new CommandEnvelope(command, replyTo, trace),
            askTimeout);
    context.pipeToSelf(
        reply,
        (outcome, failure) -> {
          if (failure != null) span.setStatus(StatusCode.ERROR, failure.toString());
          span.end();
          return new ProcessMessage.Answered(at, outcome, failure);
        });
  }

  /**
   * {@code acta.process-step}: a step's command on its way and back, in the trace of the command
   * that moved the process (current while the entity drives it); none outside a trace.
   */
  private Span stepSpan(Step.Ask<E, ?> ask, long at) {
    if (!Traces.on() || !Span.current().getSpanContext().isValid()) return Span.getInvalid();
    return Traces.tracer()
        .spanBuilder("acta.process-step " + processType)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("acta.process", processType)
        .setAttribute("acta.entity.id", processId)
        .setAttribute("acta.sequence_nr", at)
        .setAttribute("acta.target.type", ask.type().name())
        .setAttribute("acta.target.id", ask.entityId())
        .startSpan();
  }

  private void retryLater(Step.Ask<E, ?> ask, String reason) {
    failures++;
    if (failures == 1) failingSince = clock.instant();
    Duration delay = retries.delay(failures);
    if (failures >= retries.reportAfter()) {
      health.report(
          new StuckProcess(
              processType, processId, describe(ask), reason, failures, failingSince, true));
      reported = true;
    }
    if (retries.reportAfter() == failures) {
      log.warn(
          "{} cannot progress: its ask of {}|{} failed {} times ({}); retrying every {} s",
          persistenceId,
          ask.type().name(),
          ask.entityId(),
          failures,
          reason,
          retries.max().toSeconds());
    } else {
      log.debug(
          "{}: ask of {}|{} failed ({}), retrying",
          persistenceId,
          ask.type().name(),
          ask.entityId(),
          reason);
    }
    timers.startSingleTimer(TIMER, new ProcessMessage.Retry(current), delay);
  }

  /** A step that cannot be made, and will not be by retrying: logged and reported stuck. */
  private void cannotGoOn(String step, String reason, Throwable cause) {
    if (cause != null) log.error("{} cannot go on ({}): {}", persistenceId, step, reason, cause);
    else log.error("{} cannot go on ({}): {}", persistenceId, step, reason);
    health.report(
        new StuckProcess(processType, processId, step, reason, 1, clock.instant(), false));
    reported = true;
  }

  /** The process moves on: no longer stuck. */
  private void progresses() {
    failingSince = null;
    if (reported) {
      health.clear(persistenceId);
      reported = false;
    }
  }

  private static String describe(Step.Ask<?, ?> ask) {
    return "ask " + ask.type().name() + "|" + ask.entityId();
  }
}
