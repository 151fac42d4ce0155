package io.acta.http.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acta.api.reaction.ReactionType;
import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.RebuildProgress;
import io.acta.api.view.RebuildProgress.State;
import io.acta.api.view.ViewOperations;
import io.acta.api.view.ViewType;
import io.acta.runtime.Projections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The console's picture of every view, reaction and feed: lag per slice from the statuses the node
 * measures in the background (no I/O per request), the events they are stuck on, and rebuilds with
 * their progress and an estimate of the time left; and of Kafka subscriptions, by their lag.
 */
final class AdminProjections {
  private static final Pattern EXCEPTION_PREFIX =
      Pattern.compile("^(?:(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*: )+");
  private static final Comparator<ProjectionStatus> ORDER =
      Comparator.comparing(ProjectionStatus::entityType)
          .thenComparingInt(ProjectionStatus::slice)
          .thenComparingInt(ProjectionStatus::version);

  private final ObjectMapper mapper;

  AdminProjections(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  ObjectNode document(Projections p, MeterRegistry meters) {
    ObjectNode doc = mapper.createObjectNode();
    doc.put("measuredAt", Instant.now().toString());
    ArrayNode all = doc.putArray("projections");
    Map<String, List<ProjectionStatus>> views = byName(p.operations().latestStatus());
    Map<String, RebuildProgress> rebuilds = new HashMap<>();
    p.operations().rebuilds().forEach(r -> rebuilds.put(r.view(), r));
    for (ViewType<?> v : p.views())
      add(all, "view", v.name(), views.getOrDefault(v.name(), List.of()), rebuilds);
    Map<String, List<ProjectionStatus>> reactions = byName(p.reactions().latestStatus());
    for (ReactionType<?> r : p.reactionTypes())
      add(all, "reaction", r.name(), reactions.getOrDefault(r.name(), List.of()), null);
    byName(p.feeds().latestStatus())
        .forEach((name, statuses) -> add(all, "feed", name, statuses, null));
    subscriptions(all, meters);
    return doc;
  }

  /**
   * Kafka subscriptions, from the gauges and counters the kafka module registers (this module does
   * not depend on it): the largest lag of their partitions, messages applied and parked.
   */
  static void subscriptions(ArrayNode all, MeterRegistry meters) {
    for (Gauge lag : meters.find("acta.kafka.consumer.lag").gauges()) {
      String name = lag.getId().getTag("subscription");
      ObjectNode one = all.addObject();
      one.put("kind", "subscription");
      one.put("name", name);
      one.put("topic", lag.getId().getTag("topic"));
      one.put("measured", true);
      one.put("eventsBehind", Math.max(0, (long) lag.value()));
      one.putNull("timeBehindMillis");
      for (String outcome : List.of("applied", "parked")) {
        Counter c =
            meters
                .find("acta.kafka.consumed")
                .tags("subscription", name, "outcome", outcome)
                .counter();
        one.put(outcome, c == null ? 0 : (long) c.count());
      }
      one.putArray("slices");
      one.putArray("failures");
      one.putNull("rebuild");
    }
  }

  /** Starts a rebuild of {@code view}, unless one is under way; its progress shows in documents. */
  ObjectNode startRebuild(ViewType<?> view, ViewOperations operations) {
    boolean running =
        operations.rebuilds().stream()
            .anyMatch(r -> r.view().equals(view.name()) && r.state() == State.RUNNING);
    if (running)
      throw new ApiError(409, "conflict", "a rebuild of view '" + view.name() + "' is under way");
    // Its progress and outcome are followed through ViewOperations.rebuilds(); the node logs a
    // failure.
    operations.rebuild(view);
    return mapper.createObjectNode().put("view", view.name()).put("started", true);
  }

  /** One projection; {@code rebuilds} for a view (this node's, by view), null for the others. */
  private void add(
      ArrayNode all,
      String kind,
      String name,
      List<ProjectionStatus> statuses,
      Map<String, RebuildProgress> rebuilds) {
    ObjectNode one = all.addObject();
    one.put("kind", kind);
    one.put("name", name);
    int serving = statuses.stream().mapToInt(ProjectionStatus::version).min().orElse(0);
    List<ProjectionStatus> current = statuses.stream().filter(s -> s.version() == serving).toList();
    List<ProjectionStatus> building = statuses.stream().filter(s -> s.version() > serving).toList();
    one.put("version", serving);
    one.put("measured", !statuses.isEmpty());
    summary(one, current);
    ArrayNode slices = one.putArray("slices");
    ArrayNode failures = one.putArray("failures");
    for (ProjectionStatus s : current) {
      ObjectNode slice = slices.addObject();
      slice.put("entityType", s.entityType());
      slice.put("slice", s.slice());
      slice.put("eventsBehind", s.eventsBehind());
      slice.put("timeBehindMillis", s.timeBehind().toMillis());
      slice.put("processedHere", s.processedHere());
      slice.put(
          "storedOffsetTime",
          s.storedOffsetTime() == null ? null : s.storedOffsetTime().toString());
      if (s.failure() != null) {
        ObjectNode f = failures.addObject();
        f.put("entityType", s.entityType());
        f.put("slice", s.slice());
        f.put("persistenceId", s.failure().persistenceId());
        f.put("sequenceNr", s.failure().sequenceNr());
        f.put("message", operatorText(s.failure().message()));
        f.put("at", s.failure().at().toString());
      }
    }
    if (rebuilds != null) rebuild(one, building, rebuilds.get(name));
  }

  private static void summary(ObjectNode one, List<ProjectionStatus> statuses) {
    one.put("eventsBehind", statuses.stream().mapToLong(ProjectionStatus::eventsBehind).sum());
    one.put(
        "timeBehindMillis",
        statuses.stream()
            .map(ProjectionStatus::timeBehind)
            .max(Duration::compareTo)
            .orElse(Duration.ZERO)
            .toMillis());
  }

  /**
   * A rebuild this node runs, from its own measurements; else one seen in the statuses only (run by
   * another node: a version above the serving one), with what they tell.
   */
  private void rebuild(ObjectNode one, List<ProjectionStatus> building, RebuildProgress progress) {
    if (progress == null && building.isEmpty()) {
      one.putNull("rebuild");
      return;
    }
    ObjectNode r = one.putObject("rebuild");
    if (progress == null) {
      r.put("state", "running");
      r.put("here", false);
      r.put("version", building.getFirst().version());
      r.put("eventsToGo", building.stream().mapToLong(ProjectionStatus::eventsBehind).sum());
      return;
    }
    r.put("state", progress.state().name().toLowerCase(Locale.ROOT));
    r.put("here", true);
    r.put("version", progress.toVersion());
    r.put("startedAt", progress.startedAt().toString());
    r.put("totalEvents", progress.totalEvents());
    r.put("eventsDone", progress.eventsDone());
    r.put("eventsToGo", progress.totalEvents() - progress.eventsDone());
    r.put("progress", progress.fraction());
    if (progress.remaining() == null) r.putNull("remainingMillis");
    else r.put("remainingMillis", progress.remaining().toMillis());
    if (progress.endedAt() != null)
      r.put("tookMillis", Duration.between(progress.startedAt(), progress.endedAt()).toMillis());
    if (progress.failure() != null) r.put("message", operatorText(progress.failure()));
  }

  /**
   * A failure's message as an operator may read it in the browser: without the exception's class
   * name in front ({@code java.lang.IllegalArgumentException: cannot fold}), and never one naming
   * code; the node's log has the rest.
   */
  static String operatorText(String message) {
    String text = message == null ? "" : EXCEPTION_PREFIX.matcher(message).replaceFirst("");
    return Responses.safe(text) ? text : "failed; the node's log says why";
  }

  private static Map<String, List<ProjectionStatus>> byName(List<ProjectionStatus> statuses) {
    Map<String, List<ProjectionStatus>> out = new TreeMap<>();
    for (ProjectionStatus s : statuses)
      out.computeIfAbsent(s.view(), n -> new ArrayList<>()).add(s);
    out.values().forEach(l -> l.sort(ORDER));
    return new LinkedHashMap<>(out);
  }
}
