package io.acta.runtime.internal.fence;

import com.typesafe.config.Config;
import io.acta.config.Setting;
import io.acta.config.SettingsReader;
import io.acta.config.SettingsTable;
import io.acta.runtime.internal.RuntimeSettings;
import java.time.Duration;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's place at its JVM's {@link PauseFence}: reads and checks {@code acta.node.pause-fence},
 * and shuts the node down when the fence trips.
 */
public final class NodeFence {
  private static final Logger log = LoggerFactory.getLogger(NodeFence.class);
  private static final SettingsTable TABLE =
      SettingsTable.of("acta.node", RuntimeSettings.PAUSE_FENCE);

  /** The reason a node's coordinated shutdown gives when its fence tripped. */
  public enum PausedTooLong implements CoordinatedShutdown.Reason {
    INSTANCE
  }

  private NodeFence() {}

  /**
   * {@code acta.node.pause-fence}, or {@link Duration#ZERO} when it is off.
   *
   * @throws IllegalArgumentException when it is not a duration, shorter than 1s, or not shorter
   *     than {@code acta.node.split-brain-resolver.stable-after}
   */
  public static Duration threshold(Config config) {
    Setting<Duration> setting = RuntimeSettings.PAUSE_FENCE;
    Duration fence =
        SettingsReader.read(config, TABLE).find(setting).orElse(setting.defaultValue());
    if (fence.isZero()) return fence;
    Duration stableAfter = config.getDuration("acta.node.split-brain-resolver.stable-after");
    if (fence.compareTo(stableAfter) >= 0) {
      throw new IllegalArgumentException(
          TABLE.fullKey(setting)
              + " ("
              + setting.kind().format(fence)
              + ") must be shorter than acta.node.split-brain-resolver.stable-after ("
              + setting.kind().format(stableAfter)
              + "), or off: the cluster replaces a node only once it has been unreachable for"
              + " stable-after, so a node that resumes from a pause shorter than the fence cannot"
              + " have been replaced, and one paused for longer must stop writing before it"
              + " resumes work it may no longer own");
    }
    return fence;
  }

  /**
   * Puts the node of {@code system} at {@code fence} when {@code threshold} is not zero: when the
   * fence trips the node shuts down (it may have been replaced), and its registration ends when the
   * actor system has terminated.
   */
  public static void guard(ActorSystem<?> system, PauseFence fence, Duration threshold) {
    if (threshold.isZero()) {
      log.warn(
          "acta.node.pause-fence is off: after a long pause this node may write events under"
              + " sequence numbers that the node which took its entities over has used");
      return;
    }
    PauseFence.Registration registration =
        fence.register(
            system.name() + "@" + system.address(),
            threshold,
            trip -> {
              Cluster cluster = Cluster.get(system);
              log.info(
                  "Node {} marks itself down and shuts down: its process was paused for {} ms,"
                      + " longer than its pause fence of {} ms",
                  cluster.selfMember().address(),
                  trip.paused().toMillis(),
                  trip.threshold().toMillis());
              // Down rather than leave: the others may have removed this node already, and a
              // downed node skips the hand-off of shards it may no longer own.
              cluster.manager().tell(Down.apply(cluster.selfMember().address()));
              CoordinatedShutdown.get(system).run(PausedTooLong.INSTANCE);
            });
    system.getWhenTerminated().whenComplete((done, error) -> registration.close());
  }
}
