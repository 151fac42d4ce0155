package io.acta.runtime.internal.views;

import io.acta.runtime.spi.ViewVersions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.projection.ProjectionBehavior;

/**
 * Runs the projections of one slice of one view: one per live version (the serving one and, during
 * a rebuild, the one being built). It looks at the view's versions every few seconds and starts or
 * stops projections to match, so a switch-over made on any node takes effect everywhere.
 */
final class SliceSupervisor {
  sealed interface Command {}

  /**
   * Stops the supervisor and its projections (the daemon process's stop message). Only ever sent
   * within a node, by its shard region's hand-off, so it is never serialized; without the marker a
   * node run with {@code serialize-messages = on} (tests) drops it and waits out the hand-off
   * timeout on every shutdown.
   */
  enum Stop implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  private enum Tick implements Command {
    INSTANCE
  }

  private record Live(ViewVersions versions) implements Command {}

  private record ReadFailed(Throwable error) implements Command {}

  private SliceSupervisor() {}

  /**
   * @param versions reads the view's live versions (the store's {@code versions})
   * @param projectionOfVersion the projection of this slice for a version
   * @param retired told of a version this slice no longer runs because it is no longer live (a
   *     switch-over retired it, or a rebuild was given up), not when the supervisor stops (the
   *     slice moves to another node)
   */
  static Behavior<Command> create(
      String view,
      Function<String, CompletionStage<ViewVersions>> versions,
      Duration every,
      IntFunction<Behavior<ProjectionBehavior.Command>> projectionOfVersion,
      IntConsumer retired) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ZERO, every);
                  Map<Integer, ActorRef<ProjectionBehavior.Command>> running = new HashMap<>();
                  // Failed reads in a row: a store that is down is told once per slice, not at
                  // every check while it stays down.
                  int[] failing = {0};
                  return Behaviors.receive(Command.class)
                      .onMessageEquals(
                          Tick.INSTANCE,
                          () -> {
                            ctx.pipeToSelf(
                                versions.apply(view),
                                (v, error) -> error == null ? new Live(v) : new ReadFailed(error));
                            return Behaviors.same();
                          })
                      .onMessage(
                          Live.class,
                          live -> {
                            if (failing[0] > 0) {
                              ctx.getLog()
                                  .info(
                                      "The versions of view '{}' can be read again, after {} failed"
                                          + " reads",
                                      view,
                                      failing[0]);
                              failing[0] = 0;
                            }
                            Set<Integer> wanted =
                                live.versions().building() > 0
                                    ? Set.of(live.versions().serving(), live.versions().building())
                                    : Set.of(live.versions().serving());
                            running
                                .entrySet()
                                .removeIf(
                                    e -> {
                                      if (wanted.contains(e.getKey())) return false;
                                      ctx.getLog()
                                          .info(
                                              "View '{}' v{} retired on this slice",
                                              view,
                                              e.getKey());
                                      e.getValue().tell(ProjectionBehavior.stopMessage());
                                      retired.accept(e.getKey());
                                      return true;
                                    });
                            for (int version : wanted) {
                              running.computeIfAbsent(
                                  version,
                                  v ->
                                      ctx.spawn(
                                          projectionOfVersion.apply(v),
                                          "v" + v + "-" + System.nanoTime()));
                            }
                            return Behaviors.same();
                          })
                      .onMessage(
                          ReadFailed.class,
                          failed -> {
                            if (failing[0]++ == 0) {
                              ctx.getLog()
                                  .warn(
                                      "Cannot read the versions of view '{}' (retried every {} ms,"
                                          + " told again once they can be read): {}",
                                      view,
                                      every.toMillis(),
                                      failed.error().toString());
                            } else {
                              ctx.getLog()
                                  .debug(
                                      "Cannot read the versions of view '{}' ({} in a row): {}",
                                      view,
                                      failing[0],
                                      failed.error().toString());
                            }
                            return Behaviors.same();
                          })
                      .onMessageEquals(
                          Stop.INSTANCE,
                          () -> {
                            running.values().forEach(p -> p.tell(ProjectionBehavior.stopMessage()));
                            return Behaviors.stopped();
                          })
                      .build();
                }));
  }
}
