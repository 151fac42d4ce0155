package io.acta.runtime.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a node counts as stopped: once its actor system has terminated or, should that not come,
 * once its shutdown has run for longer than Pekko's coordinated shutdown may take (the sum of its
 * phases' timeouts) and a {@link #MARGIN}.
 *
 * <p>Pekko bounds each phase of a coordinated shutdown by a timeout, but not the actor system's
 * termination that ends the last one: should an actor never finish stopping, the process stays up
 * with nothing left running in it. Pekko's own {@code exit-jvm} has the same fallback (it exits the
 * JVM once the last phase has timed out), which Acta, embedded in services, leaves off. A node
 * downed by its cluster, or stopped by its pause fence, must end so that its supervisor starts a
 * fresh one: past the bound, this logs what had and had not finished and completes {@link
 * #stopped}, which a service's {@code main} waits on before it exits.
 */
final class NodeStop {
  private static final Logger log = LoggerFactory.getLogger(NodeStop.class);

  /** Beyond the coordinated shutdown's total timeout, before the node counts as stopped anyway. */
  static final Duration MARGIN = Duration.ofSeconds(10);

  private final String node;
  private final Supplier<Duration> shutdownTimeout;
  private final Supplier<String> reason;
  private final Duration margin;
  private final Delay delay;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  /** Whether the shutdown has begun (the bound is armed once). */
  private final AtomicBoolean began = new AtomicBoolean();

  private volatile boolean servingStopped;
  private volatile boolean extensionsClosed;

  /**
   * @param node the node, as the log names it
   * @param terminated completes when the actor system has terminated
   * @param shutdownTimeout the coordinated shutdown's total timeout
   * @param reason why the shutdown runs
   * @param margin allowed beyond {@code shutdownTimeout}
   * @param delay runs the check once the bound has passed
   */
  NodeStop(
      String node,
      CompletionStage<?> terminated,
      Supplier<Duration> shutdownTimeout,
      Supplier<String> reason,
      Duration margin,
      Delay delay) {
    this.node = node;
    this.shutdownTimeout = shutdownTimeout;
    this.reason = reason;
    this.margin = margin;
    this.delay = delay;
    terminated.whenComplete((done, error) -> stopped.complete(null));
  }

  /** The stop of {@code system}'s node. */
  static NodeStop of(ActorSystem<?> system) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    return new NodeStop(
        system.address().toString(),
        system.getWhenTerminated(),
        () -> Duration.ofMillis(shutdown.totalTimeout().toMillis()),
        () -> shutdown.getShutdownReason().map(NodeStop::nameOf).orElse("no reason given"),
        MARGIN,
        Delay.WALL_CLOCK);
  }

  /** Runs a task once a duration has passed (the wall clock's, but for tests). */
  @FunctionalInterface
  interface Delay {
    Delay WALL_CLOCK =
        (after, task) ->
            CompletableFuture.delayedExecutor(after.toMillis(), TimeUnit.MILLISECONDS)
                .execute(task);

    void run(Duration after, Runnable task);
  }

  /** Completes once the node has stopped, as the class says; never exceptionally. */
  CompletionStage<Void> stopped() {
    return stopped.minimalCompletionStage();
  }

  /**
   * How long after its shutdown began the node counts as stopped at the latest: the coordinated
   * shutdown's phases' timeouts, summed over the phases that have tasks, and the margin.
   */
  Duration bound() {
    return shutdownTimeout.get().plus(margin);
  }

  /** The shutdown has begun, whatever started it (its first phase runs this): arms the bound. */
  void began() {
    if (!began.compareAndSet(false, true)) return;
    Duration bound = bound();
    delay.run(bound, () -> overdue(bound));
  }

  void servingStopped() {
    servingStopped = true;
  }

  void extensionsClosed() {
    extensionsClosed = true;
  }

  /**
   * Waits until the node has stopped, at most {@link #bound} and a few seconds (for a shutdown that
   * has not begun yet, such as one whose start is still in the caller's hands).
   */
  void await() throws Exception {
    stopped.get(bound().toMillis() + 5_000, TimeUnit.MILLISECONDS);
  }

  private void overdue(Duration bound) {
    if (stopped.isDone()) return;
    log.error(
        "Node {} has not stopped {} ms after its shutdown began ({}): stopped serving: {},"
            + " extensions closed: {}, actor system terminated: no. It counts as stopped now, so"
            + " that its process can exit; a thread dump of the process shows what did not stop",
        node,
        bound.toMillis(),
        reason.get(),
        servingStopped ? "yes" : "no",
        extensionsClosed ? "yes" : "no");
    stopped.complete(null);
  }

  private static String nameOf(CoordinatedShutdown.Reason reason) {
    return reason instanceof Enum<?> e
        ? e.getDeclaringClass().getSimpleName()
        : reason.getClass().getSimpleName().replace("$", "");
  }
}
