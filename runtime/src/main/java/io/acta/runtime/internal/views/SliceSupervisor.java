package io.acta.runtime.internal.views;

import io.acta.runtime.spi.ViewStorage;
import io.acta.runtime.spi.ViewVersions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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

  static Behavior<Command> create(
      String view,
      ViewStorage versions,
      Duration every,
      IntFunction<Behavior<ProjectionBehavior.Command>> projectionOfVersion) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ZERO, every);
                  Map<Integer, ActorRef<ProjectionBehavior.Command>> running = new HashMap<>();
                  return Behaviors.receive(Command.class)
                      .onMessageEquals(
                          Tick.INSTANCE,
                          () -> {
                            ctx.pipeToSelf(
                                versions.versions(view),
                                (v, error) -> error == null ? new Live(v) : new ReadFailed(error));
                            return Behaviors.same();
                          })
                      .onMessage(
                          Live.class,
                          live -> {
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
                            ctx.getLog()
                                .warn(
                                    "Cannot read the versions of view '{}' (will retry): {}",
                                    view,
                                    failed.error().toString());
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
