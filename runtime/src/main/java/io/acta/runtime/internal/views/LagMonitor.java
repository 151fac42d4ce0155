package io.acta.runtime.internal.views;

import io.acta.api.view.ProjectionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures every projection's lag in the background: the statuses behind the gauges {@code
 * acta.projection.events.behind} and {@code acta.projection.time.behind} and the readiness check,
 * and a log, at INFO, of projections behind and, at WARN, of those stuck, at most once per {@code
 * lag-log-interval}; nothing while all are caught up.
 */
final class LagMonitor {
  private static final Logger log = LoggerFactory.getLogger(LagMonitor.class);

  private final ViewEngine engine;
  private final MeterRegistry meters;
  private final Duration logInterval;
  private final Map<String, ProjectionStatus> latest = new ConcurrentHashMap<>();
  private volatile long lastLog;

  LagMonitor(ViewEngine engine, MeterRegistry meters, Duration logInterval) {
    this.engine = engine;
    this.meters = meters;
    this.logInterval = logInterval;
  }

  List<ProjectionStatus> latest() {
    return List.copyOf(latest.values());
  }

  void refresh() {
    try {
      List<ProjectionStatus> now = engine.status();
      for (ProjectionStatus s : now) {
        String id = s.view() + "/" + s.entityType() + "/" + s.slice();
        if (latest.put(id, s) == null) register(id, s);
      }
      if (System.nanoTime() - lastLog >= logInterval.toNanos()) {
        lastLog = System.nanoTime();
        logLag(now);
      }
    } catch (RuntimeException e) {
      log.warn("Cannot measure the lag of views: {}", e.toString());
    }
  }

  private void register(String id, ProjectionStatus s) {
    Tags tags =
        Tags.of(
            "view", s.view(), "entity_type", s.entityType(), "slice", Integer.toString(s.slice()));
    Gauge.builder(
            "acta.projection.events.behind",
            latest,
            m -> m.containsKey(id) ? m.get(id).eventsBehind() : 0)
        .description("Journal events a view has not reflected yet")
        .tags(tags)
        .register(meters);
    Gauge.builder(
            "acta.projection.time.behind",
            latest,
            m -> m.containsKey(id) ? m.get(id).timeBehind().toMillis() / 1000.0 : 0)
        .description("Age of the oldest event a view has not reflected, seconds")
        .tags(tags)
        .register(meters);
  }

  private static void logLag(List<ProjectionStatus> statuses) {
    for (ProjectionStatus s : statuses) {
      if (s.failure() != null) {
        log.warn(
            "View '{}' v{} slice {}-{} is stuck on {} #{}: {}",
            s.view(),
            s.version(),
            s.entityType(),
            s.slice(),
            s.failure().persistenceId(),
            s.failure().sequenceNr(),
            s.failure().message());
      } else if (!s.caughtUp()) {
        log.info(
            "View '{}' v{} slice {}-{} is {} events ({} ms) behind",
            s.view(),
            s.version(),
            s.entityType(),
            s.slice(),
            s.eventsBehind(),
            s.timeBehind().toMillis());
      }
    }
  }
}
