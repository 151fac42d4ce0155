package io.acta.bench.load;

import java.util.OptionalLong;

/**
 * The CPU two processes use over a window of a measurement: this JVM's (the node, the load
 * generator) and another process's (the Cassandra server). Start it, run what is measured, then
 * {@link #stop()}.
 *
 * @param otherPid the other process, if there is one
 * @param here0 this JVM's CPU at the start, in nanoseconds
 * @param other0 the other process's CPU at the start, in nanoseconds
 */
public record CpuWindow(OptionalLong otherPid, long here0, long other0) {
  /** Starts a window now. */
  public static CpuWindow start(OptionalLong otherPid) {
    return new CpuWindow(otherPid, ProcessCpu.nanos(), ProcessCpu.nanos(otherPid));
  }

  /** The CPU each process used since the start; -1 for a side the platform does not tell. */
  public Used stop() {
    return new Used(
        difference(here0, ProcessCpu.nanos()), difference(other0, ProcessCpu.nanos(otherPid)));
  }

  private static long difference(long start, long end) {
    return start < 0 || end < 0 ? -1 : end - start;
  }

  /**
   * Nanoseconds of CPU each side used.
   *
   * @param here this JVM's
   * @param other the other process's
   */
  public record Used(long here, long other) {
    /** Nothing used yet: the start of a sum. */
    public static final Used NONE = new Used(0, 0);

    /** Both windows together. */
    public Used plus(Used more) {
      return new Used(here + more.here, other + more.other);
    }

    /** This JVM's CPU per unit of work ({@code count} of them), in µs. */
    public double herePerUnitMicros(long count) {
      return here / 1e3 / count;
    }

    /** The other process's CPU per unit of work, in µs. */
    public double otherPerUnitMicros(long count) {
      return other / 1e3 / count;
    }
  }
}
