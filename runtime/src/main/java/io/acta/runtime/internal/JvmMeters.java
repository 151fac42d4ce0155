package io.acta.runtime.internal;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.lang.management.ManagementFactory;

/**
 * The JVM's and the process's own metrics beside Acta's, through Micrometer's binders: memory pools
 * and buffers, garbage collection (pauses, allocation, promotion), threads by state, loaded
 * classes, process and system CPU, open file descriptors, uptime.
 */
public final class JvmMeters implements AutoCloseable {
  private final JvmGcMetrics gc = new JvmGcMetrics();

  private JvmMeters() {}

  /**
   * A node's registry, its names fit for Prometheus (see {@link #PROMETHEUS_NAMES}) from its first
   * meter on: Micrometer applies a filter only to meters registered after it.
   */
  public static CompositeMeterRegistry newRegistry() {
    CompositeMeterRegistry registry = new CompositeMeterRegistry();
    registry.config().meterFilter(PROMETHEUS_NAMES);
    return registry;
  }

  /** Binds them to {@code registry}; {@link #close()} stops listening for GC notifications. */
  public static JvmMeters bindTo(MeterRegistry registry) {
    JvmMeters meters = new JvmMeters();
    new JvmMemoryMetrics().bindTo(registry);
    meters.gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    // In seconds, as Prometheus' own clients name it: process_cpu_seconds_total.
    if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os)
      FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9)
          .baseUnit("seconds")
          .description("The CPU time the JVM process has used")
          .register(registry);
    return meters;
  }

  /**
   * Two of Micrometer's names that Prometheus' linter ({@code promtool check metrics}) rejects:
   * {@code process.cpu.time} is kept in nanoseconds ({@code process_cpu_time_ns_total}: an
   * abbreviated unit), replaced by {@code process.cpu} in seconds; {@code system.cpu.count} ends in
   * {@code _count}, a suffix kept for histograms and summaries, and becomes {@code system.cpus}.
   */
  private static final MeterFilter PROMETHEUS_NAMES =
      new MeterFilter() {
        @Override
        public MeterFilterReply accept(Meter.Id id) {
          return id.getName().equals("process.cpu.time")
              ? MeterFilterReply.DENY
              : MeterFilterReply.NEUTRAL;
        }

        @Override
        public Meter.Id map(Meter.Id id) {
          return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
        }
      };

  @Override
  public void close() {
    gc.close();
  }
}
