package io.acta.runtime.internal.views;

import com.typesafe.config.Config;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.PersistenceId;
import io.acta.api.reaction.ReactionType;
import io.acta.api.view.HandlerType;
import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.ViewType;
import io.acta.runtime.ActaNode;
import io.acta.runtime.EventFeed;
import io.acta.runtime.NodeRole;
import io.acta.runtime.internal.EntitySettingsReader;
import io.acta.runtime.internal.entity.EventPush;
import io.acta.runtime.spi.Slices;
import io.acta.runtime.spi.ViewFold;
import io.acta.runtime.spi.ViewStorage;
import io.acta.runtime.spi.ViewVersions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.HandlerRecoveryStrategy;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import org.apache.pekko.projection.javadsl.SourceProvider;

/**
 * Runs every view as Pekko projections: one per (view version, source entity type, slice), each
 * reading its slice's events-by-tag stream, at least once with offsets in Cassandra (made exactly
 * once by the {@link ViewStore}'s bookkeeping). A {@link SliceSupervisor} per (view, source,
 * slice), spread over the cluster by ShardedDaemonProcess, keeps one projection per live version.
 */
final class ViewProjections {
  /** One slice of one source of one view, of {@code slices} slices of that source. */
  public record Slice(String view, String entityType, int slice, int slices) {
    String tag() {
      return Slices.tag(entityType, slice);
    }

    ProjectionId id(int version) {
      return ProjectionId.of("view-" + ViewVersions.storage(view, version), tag());
    }

    /** The id of a reaction's or a feed's projection of this slice ({@code prefix} names which). */
    ProjectionId groupedId(String prefix) {
      return ProjectionId.of(prefix + view, tag());
    }
  }

  private final ActorSystem<?> system;
  private final ViewStorage storage;
  private final Config config;
  private final ViewChanges changes;
  private final MeterRegistry meters;
  private final Map<String, List<Slice>> slicesByView = new ConcurrentHashMap<>();
  private final Map<String, ViewType<?>> views = new ConcurrentHashMap<>();
  private final Map<String, List<Slice>> slicesByReaction = new ConcurrentHashMap<>();
  private final Map<String, List<Slice>> slicesByFeed = new ConcurrentHashMap<>();
  private final Map<ProjectionId, Processed> processed = new ConcurrentHashMap<>();
  private final Map<ProjectionId, AtomicReference<ProjectionStatus.Failure>> failures =
      new ConcurrentHashMap<>();

  ViewProjections(
      ActorSystem<?> system,
      ViewStorage storage,
      Config config,
      ViewChanges changes,
      MeterRegistry meters) {
    this.system = system;
    this.meters = meters;
    this.storage = storage;
    this.config = config;
    this.changes = changes;
  }

  /** Starts the supervisors of {@code view}'s slices. */
  public <V> void start(ViewType<V> view) {
    ViewFold<V> fold = new ViewFold<>(view);
    Duration every = config.getDuration("acta.projections.version-check-interval");
    List<Slice> all = new ArrayList<>();
    for (EntityType<?, ?, ?> source : view.sourceTypes()) {
      int count = EntitySettingsReader.resolve(config, source).slices();
      List<Slice> mine = new ArrayList<>();
      for (int i = 0; i < count; i++) mine.add(new Slice(view.name(), source.name(), i, count));
      all.addAll(mine);
      ShardedDaemonProcess.get(system)
          .init(
              SliceSupervisor.Command.class,
              "view-" + view.name() + "-" + source.name(),
              count,
              i ->
                  SliceSupervisor.create(
                      view.name(),
                      storage::versions,
                      every,
                      version -> ProjectionBehavior.create(projection(fold, mine.get(i), version)),
                      version -> forget(mine.get(i).id(version))),
              daemonSettings(),
              Optional.of(SliceSupervisor.Stop.INSTANCE));
    }
    slicesByView.put(view.name(), List.copyOf(all));
    views.put(view.name(), view);
  }

  /**
   * Starts a raw handler: one projection per slice of its source, offsets under the handler's name.
   */
  public <E> void start(HandlerType<E> handler) {
    Config p = config.getConfig("acta.projections");
    var source = handler.source();
    int count = EntitySettingsReader.resolve(config, source).slices();
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            "handler-" + handler.name(),
            count,
            i -> {
              String tag = Slices.tag(source.name(), i);
              return ProjectionBehavior.create(
                  storage
                      .atLeastOnceProjection(
                          ProjectionId.of("handler-" + handler.name(), tag),
                          tag,
                          () -> new RawHandler<>(handler.name(), handler.handler()))
                      .withSaveOffset(
                          p.getInt("save-offset-after-events"), p.getDuration("save-offset-after"))
                      .withRecoveryStrategy(
                          HandlerRecoveryStrategy.retryAndFail(
                              p.getInt("handler-retries"), p.getDuration("handler-retry-delay")))
                      .withRestartBackoff(
                          p.getDuration("restart-backoff.min"),
                          p.getDuration("restart-backoff.max"),
                          0.2));
            },
            daemonSettings(),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  /**
   * The count of the events a projection handled on this node (for its status), kept as the meter
   * {@code <kind>.events.processed} too: its rate is how fast the projection folds, during a
   * catch-up or a rebuild as well, read without a query to the store.
   */
  private AtomicLong processedHere(ProjectionId id, LagMonitor.Kind kind, Slice slice, Tags more) {
    return processed
        .computeIfAbsent(
            id,
            k -> {
              AtomicLong count = new AtomicLong();
              FunctionCounter meter =
                  FunctionCounter.builder(
                          kind.metricPrefix + ".events.processed", count, AtomicLong::get)
                      .description("Journal events a " + kind.tag + " handled on this node")
                      .tags(
                          Tags.of(
                                  kind.tag,
                                  slice.view(),
                                  "entity_type",
                                  slice.entityType(),
                                  "slice",
                                  Integer.toString(slice.slice()))
                              .and(more))
                      .register(meters);
              return new Processed(count, meter);
            })
        .count();
  }

  /** A projection's count of the events it handled on this node, and the meter that shows it. */
  private record Processed(AtomicLong count, Meter meter) {}

  /** How many events projection {@code id} handled on this node: 0 when it has not run here. */
  private long handledHere(ProjectionId id) {
    Processed p = processed.get(id);
    return p == null ? 0 : p.count().get();
  }

  /**
   * Drops what this node keeps of a projection that will not run again here (a retired version of a
   * view's slice): its count of handled events, the meter that shows it, and its last failure.
   */
  private void forget(ProjectionId id) {
    failures.remove(id);
    Processed gone = processed.remove(id);
    if (gone != null) meters.remove(gone.meter());
  }

  /** What runs a group of one slice's events for a reaction or a feed. */
  @FunctionalInterface
  private interface GroupHandlerFactory {
    Handler<List<EventEnvelope<Object>>> create(
        AtomicLong processed, AtomicReference<ProjectionStatus.Failure> failure);
  }

  /**
   * Starts a reaction: one grouped projection per slice of its source, offsets and per-source
   * progress under {@link #reactionStorage}, commands sent through {@code node}.
   */
  public <E> void start(ReactionType<E> reaction, ActaNode node) {
    Config p = config.getConfig("acta.projections");
    String progress = reactionStorage(reaction.name());
    slicesByReaction.put(
        reaction.name(),
        startGrouped(
            LagMonitor.Kind.REACTION,
            "reaction-",
            reaction.name(),
            reaction.source(),
            "reaction-group",
            (processed, failure) ->
                new ReactionHandler<>(
                    reaction,
                    node,
                    storage,
                    progress,
                    p.getInt("progress-in-memory"),
                    p.getInt("requests-in-flight"),
                    processed,
                    failure)));
  }

  /**
   * Starts a feed: one grouped projection per slice of its source, offsets and per-source progress
   * under {@link #feedStorage}.
   */
  public <E> void start(EventFeed<E> feed) {
    Config p = config.getConfig("acta.projections");
    String progress = feedStorage(feed.name());
    slicesByFeed.put(
        feed.name(),
        startGrouped(
            LagMonitor.Kind.FEED,
            "feed-",
            feed.name(),
            feed.source(),
            "feed-group",
            (processed, failure) ->
                new FeedHandler<>(
                    feed,
                    storage,
                    progress,
                    p.getInt("progress-in-memory"),
                    p.getInt("requests-in-flight"),
                    processed,
                    failure)));
  }

  /**
   * Starts one grouped projection per slice of {@code source}, named {@code prefix + name}, with
   * groups as {@code acta.projections.<group>} says; returns the slices.
   */
  private List<Slice> startGrouped(
      LagMonitor.Kind kind,
      String prefix,
      String name,
      EntityType<?, ?, ?> source,
      String group,
      GroupHandlerFactory handlers) {
    Config p = config.getConfig("acta.projections");
    int count = EntitySettingsReader.resolve(config, source).slices();
    List<Slice> mine = new ArrayList<>();
    for (int i = 0; i < count; i++) mine.add(new Slice(name, source.name(), i, count));
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            prefix + name,
            count,
            i -> {
              Slice slice = mine.get(i);
              ProjectionId id = slice.groupedId(prefix);
              AtomicLong counter = processedHere(id, kind, slice, Tags.empty());
              var failure = failures.computeIfAbsent(id, k -> new AtomicReference<>());
              return ProjectionBehavior.create(
                  storage
                      .groupedProjection(
                          id, events(slice.tag()), () -> handlers.create(counter, failure))
                      .withGroup(p.getInt(group + ".max-events"), p.getDuration(group + ".within"))
                      .withRecoveryStrategy(
                          HandlerRecoveryStrategy.retryAndFail(
                              p.getInt("handler-retries"), p.getDuration("handler-retry-delay")))
                      .withRestartBackoff(
                          p.getDuration("restart-backoff.min"),
                          p.getDuration("restart-backoff.max"),
                          0.2));
            },
            daemonSettings(),
            Optional.of(ProjectionBehavior.stopMessage()));
    return List.copyOf(mine);
  }

  /**
   * The name a reaction's progress and skips are kept under, beside the views' storage names (which
   * cannot hold a ':').
   */
  static String reactionStorage(String reaction) {
    return "reaction:" + reaction;
  }

  /** The name a feed's progress and skips are kept under (see {@link #reactionStorage}). */
  static String feedStorage(String feed) {
    return "feed:" + feed;
  }

  /** The status of each slice of {@code reaction}, lag measured against the journal. */
  public List<ProjectionStatus> reactionStatus(String reaction) {
    return groupedStatus(
        "reaction-", slicesByReaction.getOrDefault(reaction, List.of()), reactionStorage(reaction));
  }

  /** The status of each slice of {@code feed}, lag measured against the journal. */
  public List<ProjectionStatus> feedStatus(String feed) {
    return groupedStatus("feed-", slicesByFeed.getOrDefault(feed, List.of()), feedStorage(feed));
  }

  private List<ProjectionStatus> groupedStatus(
      String prefix, List<Slice> slices, String progressName) {
    var management = ProjectionManagement.get(system);
    List<ProjectionStatus> out = new ArrayList<>();
    for (Slice s : slices) {
      ProjectionId id = s.groupedId(prefix);
      Optional<Offset> stored = management.<Offset>getOffset(id).toCompletableFuture().join();
      out.add(
          status(
              s,
              1,
              id,
              stored,
              storage.backlog(
                  s.tag(),
                  stored,
                  newest ->
                      processed(newest, pid -> -1, pid -> storage.progress(progressName, pid)))));
    }
    return out;
  }

  private <V> Projection<?> projection(ViewFold<V> fold, Slice slice, int version) {
    Config p = config.getConfig("acta.projections");
    ProjectionId id = slice.id(version);
    AtomicLong counter =
        processedHere(
            id, LagMonitor.Kind.VIEW, slice, Tags.of("version", Integer.toString(version)));
    var failure = failures.computeIfAbsent(id, k -> new AtomicReference<>());
    return storage
        .groupedProjection(
            id,
            events(slice.tag(), journalFirst(fold, slice, version)),
            () ->
                new ViewHandler<>(
                    storage,
                    fold,
                    id,
                    version,
                    slice.tag(),
                    new ViewHandler.Limits(
                        p.getInt("rows-in-memory"),
                        p.getInt("progress-in-memory"),
                        p.getInt("requests-in-flight")),
                    changes,
                    counter,
                    failure))
        .withGroup(p.getInt("view-group.max-events"), p.getDuration("view-group.within"))
        .withRecoveryStrategy(
            HandlerRecoveryStrategy.retryAndFail(
                p.getInt("handler-retries"), p.getDuration("handler-retry-delay")))
        .withRestartBackoff(
            p.getDuration("restart-backoff.min"), p.getDuration("restart-backoff.max"), 0.2);
  }

  /**
   * What a view's, a reaction's or a feed's projection of {@code tag} reads: events-by-tag, with
   * the events the slice's entities push merged in unless {@code acta.projections.push-events} is
   * off. (Raw handlers read events-by-tag alone: they take every event delivered, at least once, so
   * a pushed event would reach them twice.)
   */
  private SourceProvider<Offset, EventEnvelope<Object>> events(String tag) {
    return events(tag, UnaryOperator.identity());
  }

  /** As {@link #events(String)}, with events-by-tag as {@code beforeTag} makes it. */
  private SourceProvider<Offset, EventEnvelope<Object>> events(
      String tag, UnaryOperator<SourceProvider<Offset, EventEnvelope<Object>>> beforeTag) {
    SourceProvider<Offset, EventEnvelope<Object>> byTag = beforeTag.apply(storage.eventsByTag(tag));
    EventPush push = EventPush.get(system);
    if (!push.enabled()) return byTag;
    int buffer = config.getInt("acta.projections.push-buffer");
    return new WithPushedEvents(byTag, () -> push.subscribe(tag, buffer));
  }

  /**
   * How a slice of a view with a row per entity reads its entities from the journal before
   * events-by-tag ({@link JournalReplay}); events-by-tag alone for a view whose rows many entities
   * fold into, or when {@code acta.projections.read-journal-first} is off.
   */
  private UnaryOperator<SourceProvider<Offset, EventEnvelope<Object>>> journalFirst(
      ViewFold<?> fold, Slice slice, int version) {
    if (!fold.type().isRowPerEntity()
        || !config.getBoolean("acta.projections.read-journal-first")) {
      return UnaryOperator.identity();
    }
    String prefix = slice.entityType() + PersistenceId.SEPARATOR;
    Predicate<String> inSlice =
        pid ->
            pid.startsWith(prefix)
                && Slices.of(pid.substring(prefix.length()), slice.slices()) == slice.slice();
    String what = "View '" + slice.view() + "' version " + version + ", slice " + slice.tag();
    return byTag ->
        new JournalReplay(
            byTag,
            JournalReplay.Journal.of(storage),
            inSlice,
            config.getInt("acta.projections.requests-in-flight"),
            what,
            Instant::now);
  }

  /** Projections run only on nodes with the projections role; the others just route to them. */
  private ShardedDaemonProcessSettings daemonSettings() {
    return ShardedDaemonProcessSettings.create(system).withRole(NodeRole.PROJECTIONS.configName());
  }

  /**
   * The status of each slice of {@code view} at {@code version}, lag measured against the journal.
   */
  public List<ProjectionStatus> status(String view, int version) {
    var management = ProjectionManagement.get(system);
    List<ProjectionStatus> out = new ArrayList<>();
    ViewType<?> type = views.get(view);
    for (Slice s : slicesByView.getOrDefault(view, List.of())) {
      ProjectionId id = s.id(version);
      Optional<Offset> stored = management.<Offset>getOffset(id).toCompletableFuture().join();
      String name = ViewVersions.storage(s.view(), version);
      ViewStorage.Backlog backlog =
          storage.backlog(
              s.tag(),
              stored,
              newest ->
                  processed(
                      newest,
                      pid -> changes.noticedProgress(view, version, pid),
                      pid -> ViewProgress.of(storage, type, name, pid)));
      out.add(status(s, version, id, stored, backlog));
    }
    return out;
  }

  private ProjectionStatus status(
      Slice s, int version, ProjectionId id, Optional<Offset> stored, ViewStorage.Backlog backlog) {
    Instant storedTime = stored.flatMap(storage::timeOf).orElse(null);
    Instant now = Instant.now();
    Duration timeBehind =
        backlog.oldest().map(oldest -> Duration.between(oldest, now)).orElse(Duration.ZERO);
    if (timeBehind.isNegative()) timeBehind = Duration.ZERO; // written by a clock ahead of ours
    return new ProjectionStatus(
        s.view(),
        version,
        s.entityType(),
        s.slice(),
        storedTime,
        backlog.events(),
        timeBehind,
        handledHere(id),
        failures.getOrDefault(id, new AtomicReference<>()).get());
  }

  /**
   * Each slice's events of {@code view} (by slice), counted, and the time they span: the work of a
   * rebuild.
   */
  Map<Integer, SliceSpan> spans(String view) {
    Map<Integer, SliceSpan> out = new LinkedHashMap<>();
    for (Slice s : slicesByView.getOrDefault(view, List.of())) {
      ViewStorage.Backlog all = storage.backlog(s.tag(), Optional.empty(), newest -> Map.of());
      Optional<Instant> newest =
          all.events() == 0 ? Optional.empty() : storage.newestEvent(s.tag());
      out.put(s.slice(), new SliceSpan(all.events(), all.oldest(), newest));
    }
    return out;
  }

  /**
   * Where each slice of {@code view} at {@code version} has got to (by slice): when the event at
   * its stored offset was written, or how many events it handled here while it reads the journal. A
   * few small reads, no count.
   */
  Map<Integer, SlicePosition> positions(String view, int version) {
    var management = ProjectionManagement.get(system);
    Map<Integer, SlicePosition> out = new LinkedHashMap<>();
    for (Slice s : slicesByView.getOrDefault(view, List.of())) {
      ProjectionId id = s.id(version);
      Optional<Offset> stored = management.<Offset>getOffset(id).toCompletableFuture().join();
      out.put(
          s.slice(),
          stored.equals(Optional.of(JournalReplay.READING))
              ? SlicePosition.readingJournal(handledHere(id))
              : SlicePosition.atOffset(stored.flatMap(storage::timeOf)));
    }
    return out;
  }

  private Map<String, Long> processed(
      Map<String, Long> newest,
      ToLongFunction<String> noticed,
      Function<String, CompletionStage<Long>> stored) {
    return BacklogProgress.of(
        newest, noticed, stored, config.getInt("acta.projections.requests-in-flight"));
  }
}
