package io.acta.runtime.spi;

import com.typesafe.config.Config;
import io.acta.runtime.internal.fence.NodeFence;
import io.acta.runtime.internal.fence.PauseFence;

/**
 * Whether this process may write to its store now, for stores to check at their last point before
 * the network. It closes when the process has been paused for longer than {@code
 * acta.node.pause-fence} (the cluster may have replaced its nodes meanwhile), and stays closed
 * while those nodes shut down. Entities check it before they persist; a store checks it again where
 * a request is about to be sent, since a pause can fall between the two.
 */
public final class WriteFence {
  private WriteFence() {}

  /**
   * Whether a node of {@code config} runs with a pause fence ({@code acta.node.pause-fence} is not
   * off), so that its store should check this fence too.
   *
   * @throws IllegalArgumentException when the setting is not valid
   */
  public static boolean enabled(Config config) {
    return !NodeFence.threshold(config).isZero();
  }

  /** Whether a write may be sent now. */
  public static boolean isOpen() {
    return PauseFence.jvm().isOpen();
  }

  /**
   * The write timestamp to use in place of {@code candidateMicros} (microseconds since the epoch):
   * the candidate while the fence is open, otherwise one from before the pause, so that a write
   * which slips through after a pause loses, last write wins, to every write of the nodes that took
   * over meanwhile.
   */
  public static long timestamp(long candidateMicros) {
    return PauseFence.jvm().timestamp(candidateMicros);
  }

  /** Why writes are refused, for the error a refused request fails with. */
  public static String refusal() {
    return PauseFence.jvm().refusal();
  }
}
