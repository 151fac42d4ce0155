package io.acta.runtime.internal.views;

import com.typesafe.config.Config;
import io.acta.api.entity.EntityType;
import io.acta.api.reaction.ReactionType;
import io.acta.api.view.HandlerType;
import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.Versioned;
import io.acta.api.view.ViewType;
import io.acta.config.SettingsReader;
import io.acta.runtime.ActaNode;
import io.acta.runtime.EventFeed;
import io.acta.runtime.internal.RuntimeSettings;
import io.acta.runtime.internal.StoreSettings;
import io.acta.runtime.internal.serialization.PayloadCodec;
import io.acta.runtime.internal.serialization.TypeRegistry;
import io.acta.runtime.spi.ViewFold;
import io.acta.runtime.spi.ViewStorage;
import io.acta.runtime.spi.ViewVersions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The views of a running node: opens their storage, starts their projections, knows which version
 * of each serves reads, and keeps the background work (version checks, lag measurement) on its own
 * scheduler. Queries ({@link ViewQueryService}) and operations ({@link ViewOperationService}) are
 * served on top of it; rebuilds run on threads of their own, so they never hold that scheduler.
 */
public final class ViewEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ViewEngine.class);

  /** For the readiness check, which Pekko Management creates with nothing but the actor system. */
  private static final Map<ActorSystem<?>, ViewEngine> RUNNING =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Bits of a streamed version that count the row's changes within one version of its view. */
  private static final int ROW_VERSION_BITS = 40;

  private final Map<String, ViewType<?>> views;
  private final Map<String, HandlerType<?>> handlers;
  private final Map<String, ReactionType<?>> reactions;
  private final Map<String, EventFeed<?>> feeds = new ConcurrentHashMap<>();
  private final Map<String, Integer> serving = new ConcurrentHashMap<>();
  private final ActaNode node;
  private final ViewStorage storage;
  private final ViewProjections projections;
  private final LagMonitor lag;
  private final LagMonitor reactionLag;
  private final LagMonitor feedLag;
  private final ScheduledExecutorService scheduler;
  private final ViewChanges changes;

  private ViewEngine(
      ActaNode node,
      Map<String, ViewType<?>> views,
      Map<String, HandlerType<?>> handlers,
      Map<String, ReactionType<?>> reactions,
      ViewStorage storage) {
    this.node = node;
    this.views = views;
    this.handlers = handlers;
    this.reactions = reactions;
    this.storage = storage;
    Config config = node.config();
    this.changes =
        new ViewChanges(
            node.actorSystem(),
            this::servingRow,
            this::servingVersions,
            view -> serving.getOrDefault(view, 1),
            SettingsReader.read(config, RuntimeSettings.PROJECTIONS)
                .find(RuntimeSettings.UPDATES_RESYNC_INTERVAL)
                .orElse(RuntimeSettings.UPDATES_RESYNC_INTERVAL.defaultValue()));
    this.projections =
        new ViewProjections(node.actorSystem(), storage, config, changes, node.meters());
    Duration lagLogInterval = config.getDuration("acta.projections.lag-log-interval");
    this.lag = new LagMonitor(LagMonitor.Kind.VIEW, this::status, node.meters(), lagLogInterval);
    this.reactionLag =
        new LagMonitor(
            LagMonitor.Kind.REACTION, this::reactionStatus, node.meters(), lagLogInterval);
    this.feedLag =
        new LagMonitor(LagMonitor.Kind.FEED, this::feedStatus, node.meters(), lagLogInterval);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("acta-views").daemon().factory());
  }

  /** Opens the views' storage and starts their projections and background work. */
  public static ViewEngine start(
      ActaNode node,
      Map<String, ViewType<?>> views,
      Map<String, HandlerType<?>> handlers,
      Map<String, ReactionType<?>> reactions) {
    for (ViewType<?> v : views.values()) {
      for (EntityType<?, ?, ?> source : v.sourceTypes())
        requireRegistered(node, "view '" + v.name() + "'", source);
    }
    for (HandlerType<?> h : handlers.values())
      requireRegistered(node, "handler '" + h.name() + "'", h.source());
    for (ReactionType<?> r : reactions.values())
      requireRegistered(node, "reaction '" + r.name() + "'", r.source());
    long started = System.nanoTime();
    Config config = node.config();
    Set<EntityType<?, ?, ?>> sources = new HashSet<>();
    List<Class<?>> rows = new ArrayList<>();
    views
        .values()
        .forEach(
            v -> {
              sources.addAll(v.sourceTypes());
              rows.add(v.rowType());
            });
    ViewStorage storage =
        StoreSettings.store(config)
            .openViews(node.actorSystem(), new PayloadCodec(TypeRegistry.of(sources, rows)));
    ViewEngine engine =
        new ViewEngine(
            node, Map.copyOf(views), Map.copyOf(handlers), Map.copyOf(reactions), storage);
    try {
      engine.startProjections(config);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    RUNNING.put(node.actorSystem(), engine);
    log.info(
        "Views {}, handlers {} and reactions {} running in {} ms",
        views.keySet(),
        handlers.keySet(),
        reactions.keySet(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return engine;
  }

  private void startProjections(Config config) {
    handlers.values().forEach(projections::start);
    reactions.values().forEach(r -> projections.start(r, node));
    views
        .values()
        .forEach(
            v -> {
              projections.start(v);
              serving.put(v.name(), storage.ensureVersions(v.name()).serving());
            });
    // A switch-over made on another node reaches reads here within one interval.
    long every = config.getDuration("acta.projections.version-check-interval").toMillis();
    scheduler.scheduleWithFixedDelay(this::refreshServing, every, every, TimeUnit.MILLISECONDS);
    long statusEvery = config.getDuration("acta.projections.status-interval").toMillis();
    scheduler.scheduleWithFixedDelay(lag::refresh, statusEvery, statusEvery, TimeUnit.MILLISECONDS);
    if (!reactions.isEmpty())
      scheduler.scheduleWithFixedDelay(
          reactionLag::refresh, statusEvery, statusEvery, TimeUnit.MILLISECONDS);
    // Feeds may be added after the start (by the extension that delivers them): measured always.
    scheduler.scheduleWithFixedDelay(
        feedLag::refresh, statusEvery, statusEvery, TimeUnit.MILLISECONDS);
  }

  private static void requireRegistered(ActaNode node, String who, EntityType<?, ?, ?> source) {
    if (node.entityType(source.name()).isEmpty()) {
      throw new IllegalStateException(
          who + " reads entity type '" + source.name() + "', which is not registered on this node");
    }
  }

  /** The engine of the node running on {@code system}, if it runs views. */
  public static Optional<ViewEngine> running(ActorSystem<?> system) {
    return Optional.ofNullable(RUNNING.get(system));
  }

  private void refreshServing() {
    for (String view : views.keySet()) {
      storage.versions(view).thenAccept(v -> serve(view, v.serving()));
    }
  }

  Map<String, ViewType<?>> views() {
    return views;
  }

  ViewStorage storage() {
    return storage;
  }

  ViewProjections projections() {
    return projections;
  }

  ActaNode node() {
    return node;
  }

  /**
   * Reads of {@code view} from now on go to {@code version}; the rows subscribers follow are read
   * again from it when it is a new one.
   */
  void serve(String view, int version) {
    Integer before = serving.put(view, version);
    if (before != null && before != version) changes.resync(view::equals);
  }

  ViewChanges changes() {
    return changes;
  }

  /**
   * The versions of {@code keys}' rows in the version of {@code view} serving here, as {@link
   * #servingRow} gives them.
   */
  CompletionStage<Map<String, Long>> servingVersions(String view, List<String> keys) {
    int viewVersion = serving.getOrDefault(view, 1);
    return storage
        .rowVersions(ViewVersions.storage(view, viewVersion), keys)
        .thenApply(
            found -> {
              Map<String, Long> out = new HashMap<>();
              found.forEach(
                  (key, version) ->
                      out.put(key, ((long) viewVersion << ROW_VERSION_BITS) | version));
              return out;
            });
  }

  /**
   * The row of {@code key} in the version of {@code view} (its name) that serves now, its version
   * made to grow across rebuilds too: the view's version in the high bits, the row's own below. A
   * rebuilt row starts its own count again at 1, and a subscriber must still see it as newer.
   */
  CompletionStage<Optional<Versioned<Object>>> servingRow(String view, String key) {
    int viewVersion = serving.getOrDefault(view, 1);
    return storage
        .<Object>getVersioned(ViewVersions.storage(view, viewVersion), key)
        .thenApply(
            row ->
                row.map(
                    r ->
                        new Versioned<>(
                            r.row(), ((long) viewVersion << ROW_VERSION_BITS) | r.version())));
  }

  /**
   * The storage name of the version of {@code view} that serves reads; fails when the view is not
   * registered.
   */
  String servingStorage(ViewType<?> view) {
    return ViewVersions.storage(view.name(), servingVersion(view));
  }

  /** The version of {@code view} that serves reads; fails when the view is not registered. */
  int servingVersion(ViewType<?> view) {
    fold(view);
    return serving.getOrDefault(view.name(), 1);
  }

  /**
   * The fold of a registered view; fails when {@code view} is not the one registered under its
   * name.
   */
  <V> ViewFold<V> fold(ViewType<V> view) {
    if (views.get(view.name()) != view)
      throw new IllegalArgumentException("view '" + view.name() + "' is not registered here");
    return new ViewFold<>(view);
  }

  /** Every projection's status, measured now: of the serving versions and of any being rebuilt. */
  List<ProjectionStatus> status() {
    List<ProjectionStatus> all = new ArrayList<>();
    for (String view : views.keySet()) {
      ViewVersions v = storage.versions(view).toCompletableFuture().join();
      all.addAll(projections.status(view, v.serving()));
      if (v.building() > 0) all.addAll(projections.status(view, v.building()));
    }
    return all;
  }

  /** Every reaction's status, measured now. */
  List<ProjectionStatus> reactionStatus() {
    List<ProjectionStatus> all = new ArrayList<>();
    for (String reaction : reactions.keySet()) all.addAll(projections.reactionStatus(reaction));
    return all;
  }

  /**
   * Starts {@code feed}'s projections, now or with the others; fails when its source is not
   * registered here or another feed has its name.
   */
  public void startFeed(EventFeed<?> feed) {
    requireRegistered(node, "feed '" + feed.name() + "'", feed.source());
    if (feeds.putIfAbsent(feed.name(), feed) != null)
      throw new IllegalArgumentException("feed '" + feed.name() + "' is registered twice");
    projections.start(feed);
    log.info("Feed '{}' of {} running", feed.name(), feed.source().name());
  }

  /** Every feed's status, measured now. */
  List<ProjectionStatus> feedStatus() {
    List<ProjectionStatus> all = new ArrayList<>();
    for (String feed : feeds.keySet()) all.addAll(projections.feedStatus(feed));
    return all;
  }

  /** The feeds' statuses as their lag monitor last measured them. */
  List<ProjectionStatus> latestFeedStatus() {
    return feedLag.latest();
  }

  /** Fails when no feed of this name runs here. */
  void requireFeed(String feed) {
    if (!feeds.containsKey(feed))
      throw new IllegalArgumentException("feed '" + feed + "' is not registered here");
  }

  /** The reactions' statuses as their lag monitor last measured them. */
  List<ProjectionStatus> latestReactionStatus() {
    return reactionLag.latest();
  }

  /** The registered reaction of this name; fails when it is not the one registered. */
  void requireReaction(ReactionType<?> reaction) {
    if (reactions.get(reaction.name()) != reaction)
      throw new IllegalArgumentException(
          "reaction '" + reaction.name() + "' is not registered here");
  }

  /** The statuses as the lag monitor last measured them. */
  public List<ProjectionStatus> latestStatus() {
    return lag.latest();
  }

  Duration rebuildProgressInterval() {
    return node.config().getDuration("acta.projections.rebuild-progress-interval");
  }

  @Override
  public void close() {
    RUNNING.remove(node.actorSystem());
    scheduler.shutdownNow();
    changes.close();
    storage.close();
  }
}
