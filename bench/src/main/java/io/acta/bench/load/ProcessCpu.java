package io.acta.bench.load;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.OptionalLong;

/** The CPU time a process has used so far, all threads together: this JVM's, or another's. */
public final class ProcessCpu {
  private ProcessCpu() {}

  /** Nanoseconds of CPU used by this process, or -1 when the platform does not say. */
  public static long nanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /**
   * Nanoseconds of CPU used by process {@code pid} (e.g. the Cassandra server's JVM), or -1 when
   * there is none, or it is gone, or the platform does not say. On Linux this is the kernel's count
   * in clock ticks (10 ms), fine enough for measurements of seconds.
   */
  public static long nanos(OptionalLong pid) {
    if (pid.isEmpty()) return -1;
    return ProcessHandle.of(pid.getAsLong())
        .flatMap(h -> h.info().totalCpuDuration())
        .map(Duration::toNanos)
        .orElse(-1L);
  }
}
