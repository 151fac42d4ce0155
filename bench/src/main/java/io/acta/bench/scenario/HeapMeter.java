package io.acta.bench.scenario;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The heap in use once garbage is collected: what live objects occupy. */
final class HeapMeter {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapMeter() {}

  /**
   * Used heap after full collections. Several rounds, keeping the lowest reading, because objects
   * freed by finalization or reference processing of one collection only go in the next.
   */
  static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** The most heap this JVM may use. */
  static long max() {
    return MEMORY.getHeapMemoryUsage().getMax();
  }
}
