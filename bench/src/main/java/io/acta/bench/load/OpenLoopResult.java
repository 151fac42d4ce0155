package io.acta.bench.load;

import org.HdrHistogram.Histogram;

/**
 * One open-loop measurement of one target at one arrival rate.
 *
 * @param targetRate the arrival rate asked for, commands per second
 * @param scheduled commands whose intended send time fell in the measurement window
 * @param completed of those, the ones answered successfully
 * @param errors of those, the ones that failed or were still unanswered when the driver gave up
 * @param seconds from the window's start until the last of its commands was answered (at least the
 *     window)
 * @param latencyNanos each successful command's latency from its <em>intended</em> send time to its
 *     reply
 */
public record OpenLoopResult(
    double targetRate,
    long scheduled,
    long completed,
    long errors,
    double seconds,
    Histogram latencyNanos) {

  /**
   * Commands answered successfully per second: the arrival rate when the target keeps up, less when
   * not.
   */
  public double throughput() {
    return completed / seconds;
  }
}
