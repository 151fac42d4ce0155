package io.acta.runtime.internal.views;

import io.acta.api.view.ProjectionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the lag of projections of one kind in the background: for views, the statuses behind the
 * gauges {@code acta.projection.events.behind} and {@code acta.projection.time.behind} and the
 * readiness check; for reactions, {@code acta.reaction.events.behind} and {@code
 * acta.reaction.time.behind}; for feeds, {@code acta.feed.events.behind} and {@code
 * acta.feed.time.behind}. Logs, at INFO, the projections behind and, at WARN, those stuck, at most
 * once per {@code lag-log-interval}; nothing while all are caught up.
 */
final class LagMonitor {
  private static final Logger log = LoggerFactory.getLogger(LagMonitor.class);

  /** What kind of projection a monitor watches: its metric names, tag and log wording. */
  enum Kind {
    VIEW("acta.projection", "view", "View"),
    REACTION("acta.reaction", "reaction", "Reaction"),
    FEED("acta.feed", "feed", "Feed");

    final String metricPrefix;
    final String tag;
    final String label;

    Kind(String metricPrefix, String tag, String label) {
      this.metricPrefix = metricPrefix;
      this.tag = tag;
      this.label = label;
    }
  }

  private final Kind kind;
  private final Supplier<List<ProjectionStatus>> statuses;
  private final MeterRegistry meters;
  private final Duration logInterval;
  private final Map<String, ProjectionStatus> latest = new ConcurrentHashMap<>();
  private volatile long lastLog;
  private final LongSupplier clock;

  LagMonitor(
      Kind kind,
      Supplier<List<ProjectionStatus>> statuses,
      MeterRegistry meters,
      Duration logInterval) {
    this(kind, statuses, meters, logInterval, System::nanoTime);
  }

  LagMonitor(
      Kind kind,
      Supplier<List<ProjectionStatus>> statuses,
      MeterRegistry meters,
      Duration logInterval,
      LongSupplier clock) {
    this.clock = clock;
    this.nextDue = clock.getAsLong();
    this.kind = kind;
    this.statuses = statuses;
    this.meters = meters;
    this.logInterval = logInterval;
  }

  List<ProjectionStatus> latest() {
    return List.copyOf(latest.values());
  }

  /**
   * A measurement that found a projection far behind ({@link #FAR_BEHIND}) is not repeated sooner
   * than this many times its own duration after it started. Far behind (a catch-up, a rebuild),
   * measuring scans the backlog in the journal's events-by-tag table; spaced out so, it takes at
   * most a tenth of the store's time for one slice's reads, however large the backlog, and the
   * gauges are updated less often only then. A measurement that found every projection near its end
   * is repeated at the next refresh however long it took (a busy machine, not a scan): the gauges
   * must show a catch-up's end within one {@code status-interval}.
   */
  static final int SPACING = 10;

  /** Events behind from which a projection's measurement counts as a scan of its backlog. */
  static final long FAR_BEHIND = 10_000;

  private volatile long nextDue;

  void refresh() {
    long start = clock.getAsLong();
    if (start - nextDue < 0) return;
    boolean farBehind = false;
    try {
      farBehind = refreshNow();
    } finally {
      nextDue = farBehind ? start + SPACING * (clock.getAsLong() - start) : start;
    }
  }

  /** Whether the last measurement that succeeded found a projection far behind. */
  private volatile boolean lastFoundFarBehind;

  /**
   * Measures; whether a projection was far behind, or the measurement failed while the last one
   * that succeeded had found one far behind: then the failure is most often a scan of a large
   * backlog that timed out, which repeated at the next refresh would take the store's time again
   * (every status-interval, for as long as the catch-up lasts). A failure while the projections
   * were near their end (a node down, the cluster changing) is retried at the next refresh, so the
   * gauges show the end of a disturbance within one {@code status-interval}.
   */
  private boolean refreshNow() {
    try {
      List<ProjectionStatus> now = statuses.get();
      for (ProjectionStatus s : now) {
        String id = s.view() + "/" + s.entityType() + "/" + s.slice();
        if (latest.put(id, s) == null) register(id, s);
      }
      if (System.nanoTime() - lastLog >= logInterval.toNanos()) {
        lastLog = System.nanoTime();
        logLag(now);
      }
      lastFoundFarBehind = now.stream().anyMatch(st -> st.eventsBehind() >= FAR_BEHIND);
      return lastFoundFarBehind;
    } catch (RuntimeException e) {
      log.warn("Cannot measure the lag of {}s: {}", kind.tag, e.toString());
      return lastFoundFarBehind;
    }
  }

  private void register(String id, ProjectionStatus s) {
    Tags tags =
        Tags.of(
            kind.tag,
            s.view(),
            "entity_type",
            s.entityType(),
            "slice",
            Integer.toString(s.slice()));
    Gauge.builder(
            kind.metricPrefix + ".events.behind",
            latest,
            m -> m.containsKey(id) ? m.get(id).eventsBehind() : 0)
        .description("Journal events a " + kind.tag + " has not handled yet")
        .tags(tags)
        .register(meters);
    Gauge.builder(
            kind.metricPrefix + ".time.behind",
            latest,
            m -> m.containsKey(id) ? m.get(id).timeBehind().toMillis() / 1000.0 : 0)
        .description("Age of the oldest event a " + kind.tag + " has not handled, seconds")
        .tags(tags)
        .register(meters);
  }

  private void logLag(List<ProjectionStatus> statuses) {
    for (ProjectionStatus s : statuses) {
      if (s.failure() != null) {
        log.warn(
            "{} '{}' v{} slice {}-{} is stuck on {} #{}: {}",
            kind.label,
            s.view(),
            s.version(),
            s.entityType(),
            s.slice(),
            s.failure().persistenceId(),
            s.failure().sequenceNr(),
            s.failure().message());
      } else if (!s.caughtUp()) {
        log.info(
            "{} '{}' v{} slice {}-{} is {} events ({} ms) behind",
            kind.label,
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
