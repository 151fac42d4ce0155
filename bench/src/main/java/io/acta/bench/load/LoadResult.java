package io.acta.bench.load;

import org.HdrHistogram.Histogram;

/**
 * One measurement of one target.
 *
 * @param completed commands answered successfully during the measurement
 * @param errors commands that failed during the measurement
 * @param seconds how long the measurement lasted
 * @param latencyNanos the latency of each successful command, from send to reply
 * @param cpuSeconds CPU time this whole JVM used during the measurement (all threads: target,
 *     driver, GC), or a negative number when the JVM cannot tell
 */
public record LoadResult(
    long completed, long errors, double seconds, Histogram latencyNanos, double cpuSeconds) {

  /** Successful commands per second. */
  public double throughput() {
    return completed / seconds;
  }

  /**
   * This JVM's CPU microseconds per successful command: unlike throughput, barely moved by other
   * processes competing for the cores, so it shows a change in cost on a busy machine. Negative
   * when unknown.
   */
  public double cpuMicrosPerCommand() {
    return cpuSeconds < 0 || completed == 0 ? -1 : cpuSeconds * 1e6 / completed;
  }
}
