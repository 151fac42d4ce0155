package io.acta.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Where a run happens: the figures that make its numbers comparable with another run's. */
final class MachineInfo {
  private MachineInfo() {}

  static Map<String, Object> describe() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    if (os instanceof OperatingSystemMXBean sun) {
      m.put(
          "memory",
          String.format(Locale.ROOT, "%.1f GiB", sun.getTotalMemorySize() / (double) (1L << 30)));
    }
    m.put(
        "JDK",
        System.getProperty("java.vm.vendor")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.home")
            + ")");
    m.put(
        "OS",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    m.put(
        "bench JVM heap (max)",
        String.format(Locale.ROOT, "%d MiB", Runtime.getRuntime().maxMemory() >> 20));
    m.put(
        "bench JVM options",
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    m.put("load average at start", loadAverage());
    return m;
  }

  /** The 1-minute system load average: above the core count, other work competed with the run. */
  static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
  }
}
