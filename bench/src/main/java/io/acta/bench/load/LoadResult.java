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
 * @param serverCpuSeconds CPU time the store's server process (the Cassandra JVM) used during the
 *     measurement, or a negative number when there is no such process or it cannot be read
 */
public record LoadResult(
    long completed,
    long errors,
    double seconds,
    Histogram latencyNanos,
    double cpuSeconds,
    double serverCpuSeconds) {

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
    return perCommand(cpuSeconds);
  }

  /**
   * The server's CPU microseconds per successful command: what one command costs the database,
   * background work during the measurement (flushes, compactions) included. Negative when unknown.
   */
  public double serverCpuMicrosPerCommand() {
    return perCommand(serverCpuSeconds);
  }

  private double perCommand(double cpu) {
    return cpu < 0 || completed == 0 ? -1 : cpu * 1e6 / completed;
  }
}
