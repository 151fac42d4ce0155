package io.acta.bench.load;

import org.HdrHistogram.Histogram;

/**
 * One measurement of one target.
 *
 * @param completed commands answered successfully during the measurement
 * @param errors commands that failed during the measurement
 * @param seconds how long the measurement lasted
 * @param latencyNanos the latency of each successful command, from send to reply
 */
public record LoadResult(long completed, long errors, double seconds, Histogram latencyNanos) {

  /** Successful commands per second. */
  public double throughput() {
    return completed / seconds;
  }
}
