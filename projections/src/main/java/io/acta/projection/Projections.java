package io.acta.projection;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.typesafe.config.Config;
import io.acta.entity.EntityType;
import io.acta.entity.WritePosition;
import io.acta.persistence.internal.CassandraStartup;
import io.acta.persistence.internal.PayloadCodec;
import io.acta.persistence.internal.StoreSettings;
import io.acta.persistence.internal.TypeRegistry;
import io.acta.projection.internal.ViewFold;
import io.acta.projection.internal.ViewProjections;
import io.acta.projection.internal.ViewSchema;
import io.acta.projection.internal.ViewStore;
import io.acta.projection.internal.ViewVersions;
import java.util.concurrent.locks.LockSupport;
import io.acta.runtime.ActaNode;
import io.acta.runtime.NodeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The views of a node: keeps them up to date from the journals, effectively exactly once, and answers
 * queries on them. Views live in Cassandra, beside the journal.
 *
 * <pre>{@code
 * ActaNode node = ActaNode.builder("ledger").entity(Account.TYPE)
 *     .with(Projections.of(LedgerViews.BALANCES, LedgerViews.TOTALS)).start();
 * Projections views = node.extension(Projections.class);
 * Optional<CurrencyTotals> eur = views.get(LedgerViews.TOTALS, "EUR").toCompletableFuture().join();
 * }</pre>
 */
public final class Projections implements NodeExtension {
  private static final Logger log = LoggerFactory.getLogger(Projections.class);

  private final Map<String, ViewType<?>> views = new LinkedHashMap<>();
  private final Map<String, HandlerType<?>> handlers = new LinkedHashMap<>();
  private final Map<String, Integer> serving = new java.util.concurrent.ConcurrentHashMap<>();
  /** The latest status of each projection, refreshed in the background: for gauges and health. */
  private final Map<String, ProjectionStatus> latest = new java.util.concurrent.ConcurrentHashMap<>();
  private static final Map<org.apache.pekko.actor.typed.ActorSystem<?>, Projections> BY_SYSTEM =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
  private ActaNode node;
  private volatile long lastLagLog;
  private Duration lagLogInterval;
  private CqlSession session;
  private ViewStore store;
  private ViewVersions versions;
  private ViewProjections projections;
  private java.util.concurrent.ScheduledExecutorService background;
  private Duration progressInterval;

  private Projections(List<ViewType<?>> views) {
    for (ViewType<?> v : views) {
      if (this.views.put(v.name(), v) != null) throw new IllegalArgumentException("view '" + v.name() + "' is registered twice");
    }
  }

  /** The extension that runs these views. */
  public static Projections of(ViewType<?>... views) {
    return new Projections(List.of(views));
  }

  /** This extension, also running raw handlers (at least once, offsets kept for them). */
  public Projections withHandlers(HandlerType<?>... more) {
    for (HandlerType<?> h : more) {
      if (handlers.put(h.name(), h) != null) throw new IllegalArgumentException("handler '" + h.name() + "' is registered twice");
    }
    return this;
  }

  @Override
  public void start(ActaNode node) {
    Config config = node.config();
    if (!StoreSettings.store(config).equals(StoreSettings.CASSANDRA)) {
      throw new IllegalStateException("views are kept in Cassandra: set acta.persistence.store = cassandra");
    }
    for (ViewType<?> v : views.values()) {
      for (EntityType<?, ?, ?> source : v.sourceTypes()) requireRegistered(node, "view '" + v.name() + "'", source);
    }
    for (HandlerType<?> h : handlers.values()) requireRegistered(node, "handler '" + h.name() + "'", h.source());
    long started = System.nanoTime();
    session = CassandraStartup.connect(config);
    try {
      startWith(node, config, started);
    } catch (RuntimeException e) {
      close(); // the node closes only the extensions that started
      throw e;
    }
  }

  private void startWith(ActaNode node, Config config, long started) {
    String keyspace = config.getString("pekko.persistence.cassandra.journal.keyspace");
    prepareSchema(node, config, keyspace);
    Set<EntityType<?, ?, ?>> sources = new HashSet<>();
    List<Class<?>> rows = new ArrayList<>();
    views.values().forEach(v -> {
      sources.addAll(v.sourceTypes());
      rows.add(v.rowType());
    });
    store = new ViewStore(session, keyspace, new PayloadCodec(TypeRegistry.of(sources, rows)));
    versions = new ViewVersions(session, keyspace);
    projections = new ViewProjections(node.actorSystem(), session, store, versions, config);
    handlers.values().forEach(projections::start);
    views.values().forEach(v -> {
      projections.start(v);
      serving.put(v.name(), versions.read(v.name()).toCompletableFuture().join().serving());
    });
    progressInterval = config.getDuration("acta.projections.rebuild-progress-interval");
    background = java.util.concurrent.Executors.newScheduledThreadPool(1, r -> {
      Thread t = new Thread(r, "acta-views");
      t.setDaemon(true);
      return t;
    });
    // A switch-over made on another node reaches reads here within one interval.
    long every = config.getDuration("acta.projections.version-check-interval").toMillis();
    background.scheduleWithFixedDelay(this::refreshServing, every, every, TimeUnit.MILLISECONDS);
    this.node = node;
    lagLogInterval = config.getDuration("acta.projections.lag-log-interval");
    long statusEvery = config.getDuration("acta.projections.status-interval").toMillis();
    background.scheduleWithFixedDelay(this::refreshStatus, statusEvery, statusEvery, TimeUnit.MILLISECONDS);
    BY_SYSTEM.put(node.actorSystem(), this);
    log.info("Views {} and handlers {} running in {} ms", views.keySet(), handlers.keySet(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  private static void requireRegistered(ActaNode node, String who, EntityType<?, ?, ?> source) {
    if (node.entityType(source.name()).isEmpty()) {
      throw new IllegalStateException(who + " reads entity type '" + source.name() + "', which is not registered on this node");
    }
  }

  private void prepareSchema(ActaNode node, Config config, String keyspace) {
    if (config.getBoolean("acta.persistence.cassandra.create-schema")) {
      for (String cql : ViewSchema.statements(keyspace)) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(60)));
      }
      CassandraProjection.createTablesIfNotExists(node.actorSystem()).toCompletableFuture().join();
      return;
    }
    Set<String> present = new HashSet<>();
    session.execute(SimpleStatement.newInstance("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace))
        .forEach(r -> present.add(r.getString("table_name")));
    var missing = new ArrayList<>(ViewSchema.tables());
    missing.add(config.getString("pekko.projection.cassandra.offset-store.table"));
    missing.removeAll(present);
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Cassandra keyspace '" + keyspace + "' lacks the view tables " + missing
          + ". Create them first: run io.acta.projection.ViewsSchema (or, in dev mode only, set"
          + " acta.persistence.cassandra.create-schema = on).");
    }
  }

  /** The projections of the node running on {@code system}, if it runs any views. */
  public static Optional<Projections> of(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    return Optional.ofNullable(BY_SYSTEM.get(system));
  }

  /** The statuses as last refreshed in the background ({@code acta.projections.status-interval}); no I/O. */
  public List<ProjectionStatus> latestStatus() {
    return List.copyOf(latest.values());
  }

  /**
   * Refreshes the statuses behind the lag gauges ({@code acta.projection.events.behind} and
   * {@code acta.projection.time.behind}) and says, at INFO, which projections are behind and, at WARN,
   * which are stuck, at most once per {@code lag-log-interval}; nothing while all are caught up.
   */
  private void refreshStatus() {
    try {
      List<ProjectionStatus> now = status();
      for (ProjectionStatus s : now) {
        String id = s.view() + "|" + s.entityType() + "|" + s.slice();
        if (latest.put(id, s) == null) {
          var tags = io.micrometer.core.instrument.Tags.of("view", s.view(), "entity_type", s.entityType(),
              "slice", Integer.toString(s.slice()));
          io.micrometer.core.instrument.Gauge.builder("acta.projection.events.behind", latest,
                  m -> m.containsKey(id) ? m.get(id).eventsBehind() : 0)
              .description("Journal events a view has not reflected yet").tags(tags).register(node.meters());
          io.micrometer.core.instrument.Gauge.builder("acta.projection.time.behind", latest,
                  m -> m.containsKey(id) ? m.get(id).timeBehind().toMillis() / 1000.0 : 0)
              .description("Age of the oldest event a view has not reflected, seconds").tags(tags).register(node.meters());
        }
      }
      if (System.nanoTime() - lastLagLog >= lagLogInterval.toNanos()) {
        lastLagLog = System.nanoTime();
        logLag(now);
      }
    } catch (RuntimeException e) {
      log.warn("Cannot measure the lag of views: {}", e.toString());
    }
  }

  private void logLag(List<ProjectionStatus> statuses) {
    for (ProjectionStatus s : statuses) {
      if (s.failure() != null) {
        log.warn("View '{}' v{} slice {}-{} is stuck on {} #{}: {}", s.view(), s.version(), s.entityType(), s.slice(),
            s.failure().persistenceId(), s.failure().sequenceNr(), s.failure().message());
      } else if (!s.caughtUp()) {
        log.info("View '{}' v{} slice {}-{} is {} events ({} ms) behind", s.view(), s.version(), s.entityType(), s.slice(),
            s.eventsBehind(), s.timeBehind().toMillis());
      }
    }
  }

  private void refreshServing() {
    for (String view : views.keySet()) {
      versions.read(view).thenAccept(v -> serving.put(view, v.serving()));
    }
  }

  private String storage(ViewType<?> view) {
    fold(view);
    return ViewVersions.Versions.storage(view.name(), serving.getOrDefault(view.name(), 1));
  }

  /** The registered view of this name. */
  public Optional<ViewType<?>> view(String name) {
    return Optional.ofNullable(views.get(name));
  }

  /** The names of the registered views. */
  public Set<String> viewNames() {
    return views.keySet();
  }

  /** The row of {@code key}; empty when no event has reached it. */
  public <V> CompletionStage<Optional<V>> get(ViewType<V> view, String key) {
    return store.get(storage(view), key);
  }

  /**
   * The changes of one row, as they are seen: the current row (when newer than {@code afterVersion};
   * pass 0 for any), then each newer version, looked for every {@code every}. A client that comes back
   * with the last version it saw misses no change of state. Ends when the consumer cancels.
   */
  public <V> org.apache.pekko.stream.javadsl.Source<Versioned<V>, org.apache.pekko.NotUsed> updates(
      ViewType<V> view, String key, long afterVersion, Duration every) {
    String storage = storage(view);
    return org.apache.pekko.stream.javadsl.Source.tick(Duration.ZERO, every, "tick")
        .mapMaterializedValue(cancellable -> org.apache.pekko.NotUsed.getInstance())
        .mapAsync(1, tick -> store.<V>getVersioned(storage, key))
        .filter(Optional::isPresent)
        .map(Optional::get)
        .statefulMap(() -> new long[] {afterVersion},
            (last, row) -> {
              boolean newer = row.version() > last[0];
              if (newer) last[0] = row.version();
              return new org.apache.pekko.japi.Pair<>(last, newer ? Optional.of(row) : Optional.<Versioned<V>>empty());
            },
            last -> Optional.empty())
        .filter(Optional::isPresent)
        .map(Optional::get);
  }

  /**
   * The row of {@code key} once the view has processed the write at {@code position} (read your own
   * writes): waits up to {@code timeout}, then fails with a {@link ViewNotReachedException}. A view
   * that does not read the position's entity type answers at once.
   */
  public <V> CompletionStage<Optional<V>> get(ViewType<V> view, String key, WritePosition position, Duration timeout) {
    if (!view.sources().containsKey(position.entityType())) return get(view, key);
    long deadline = System.nanoTime() + timeout.toNanos();
    return awaitPosition(view, position, timeout, deadline).thenCompose(d -> get(view, key));
  }

  private CompletionStage<Void> awaitPosition(ViewType<?> view, WritePosition position, Duration timeout, long deadline) {
    return store.progress(storage(view), position.persistenceId()).thenCompose(seq -> {
      if (seq >= position.sequenceNr()) return CompletableFuture.completedFuture(null);
      if (System.nanoTime() > deadline) {
        return CompletableFuture.failedFuture(new ViewNotReachedException(view.name(), position, timeout));
      }
      // Poll the view's progress without holding a thread: the next look runs 20 ms later.
      return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS))
          .thenCompose(x -> awaitPosition(view, position, timeout, deadline));
    });
  }

  /** Up to {@code limit} rows with keys after {@code after} ({@code null} or "" from the first), in key order. */
  public <V> CompletionStage<Page<V>> list(ViewType<V> view, String after, int limit) {
    checkLimit(limit);
    return store.keys(storage(view), after == null ? "" : after, limit + 1).thenCompose(keys -> page(view, keys, limit, null, null));
  }

  /** As {@link #list}, over the rows whose indexed {@code field} has {@code value}. */
  public <V> CompletionStage<Page<V>> listBy(ViewType<V> view, String field, String value, String after, int limit) {
    checkLimit(limit);
    var extractor = view.indexes().get(field);
    if (extractor == null) {
      throw new IllegalArgumentException("view '" + view.name() + "' has no index '" + field + "'; it has " + view.indexes().keySet());
    }
    return store.keysByIndex(storage(view), field, value, after == null ? "" : after, limit + 1)
        .thenCompose(keys -> page(view, keys, limit, extractor, value));
  }

  private <V> CompletionStage<Page<V>> page(ViewType<V> view, List<String> keys, int limit,
                                            java.util.function.Function<V, String> extractor, String value) {
    List<String> mine = keys.size() > limit ? keys.subList(0, limit) : keys;
    List<CompletableFuture<Optional<V>>> rows = mine.stream().map(k -> get(view, k).toCompletableFuture()).toList();
    return CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new)).thenApply(d -> {
      List<Page.Keyed<V>> out = new ArrayList<>();
      for (int i = 0; i < mine.size(); i++) {
        V row = rows.get(i).join().orElse(null);
        // A stale index entry (the row moved on) is not a match.
        if (row != null && (extractor == null || value.equals(extractor.apply(row)))) out.add(new Page.Keyed<>(mine.get(i), row));
      }
      return new Page<>(out, keys.size() > limit ? mine.getLast() : null);
    });
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
  }

  /**
   * An operator's decision that {@code view} pass over one event it fails on (see
   * {@link ProjectionStatus#failure()}): the view goes on without it at its projection's next restart.
   * Logged, and kept in Cassandra, so the decision is visible and survives restarts.
   */
  public CompletionStage<Void> skip(ViewType<?> view, String persistenceId, long sequenceNr) {
    log.warn("Operator skip: view '{}' will pass over {} #{}", view.name(), persistenceId, sequenceNr);
    return store.skip(view.name(), persistenceId, sequenceNr);
  }

  /**
   * Every projection's progress, of the serving versions and of any version being rebuilt, lag
   * measured against the journal. Blocking: for operations, not hot paths.
   */
  public List<ProjectionStatus> status() {
    List<ProjectionStatus> all = new ArrayList<>();
    for (String view : views.keySet()) {
      var v = versions.read(view).toCompletableFuture().join();
      all.addAll(projections.status(view, v.serving()));
      if (v.building() > 0) all.addAll(projections.status(view, v.building()));
    }
    return all;
  }

  /**
   * Rebuilds {@code view} from the start of the journal as a new version while the current one keeps
   * serving reads, then switches reads over (blue/green) once the new version has caught up, and
   * retires the old one. Logs progress and an ETA as it goes. Resumes a rebuild that was under way.
   * Completes when the new version serves.
   */
  public CompletionStage<RebuildResult> rebuild(ViewType<?> view) {
    fold(view);
    return CompletableFuture.supplyAsync(() -> runRebuild(view.name()), background);
  }

  private RebuildResult runRebuild(String view) {
    var v = versions.read(view).toCompletableFuture().join();
    int from = v.serving();
    int target = v.building() > 0 ? v.building() : from + 1;
    if (v.building() == 0 && !versions.startBuilding(view, from)) {
      throw new IllegalStateException("view '" + view + "' changed versions meanwhile: try again");
    }
    long total = projections.totalEvents(view);
    long started = System.nanoTime();
    log.info("Rebuilding view '{}' as v{} from the start of the journal ({} events); v{} serves meanwhile",
        view, target, total, from);
    while (true) {
      List<ProjectionStatus> slices = projections.status(view, target);
      long behind = slices.stream().mapToLong(ProjectionStatus::eventsBehind).sum();
      boolean started0 = slices.stream().allMatch(s -> s.storedOffsetTime() != null || s.eventsBehind() == 0);
      if (behind == 0 && started0 && slices.stream().allMatch(s -> s.failure() == null)) break;
      long done = Math.max(0, total - behind);
      double seconds = (System.nanoTime() - started) / 1e9;
      String eta = done == 0 ? "unknown" : Math.round(behind / (done / seconds)) + " s";
      log.info("Rebuilding view '{}' v{}: {}% ({} of {} events), ETA {}", view, target,
          total == 0 ? 100 : done * 100 / total, done, total, eta);
      LockSupport.parkNanos(progressInterval.toNanos());
    }
    if (!versions.switchOver(view, target)) throw new IllegalStateException("view '" + view + "' v" + target + " is no longer being built");
    serving.put(view, target);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    log.info("View '{}' now served by v{}, rebuilt from {} events in {} ms; v{} retires", view, target, total,
        took.toMillis(), from);
    return new RebuildResult(view, from, target, total, took);
  }

  @SuppressWarnings("unchecked")
  private <V> ViewFold<V> fold(ViewType<V> view) {
    if (views.get(view.name()) != view) throw new IllegalArgumentException("view '" + view.name() + "' is not registered here");
    return new ViewFold<>(view);
  }

  @Override
  public void close() {
    if (node != null) BY_SYSTEM.remove(node.actorSystem());
    if (background != null) background.shutdownNow();
    if (session != null) session.close();
  }
}
