package io.acta.projection;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.typesafe.config.Config;
import io.acta.entity.EntityType;
import io.acta.persistence.internal.CassandraStartup;
import io.acta.persistence.internal.PayloadCodec;
import io.acta.persistence.internal.StoreSettings;
import io.acta.persistence.internal.TypeRegistry;
import io.acta.projection.internal.ViewFold;
import io.acta.projection.internal.ViewProjections;
import io.acta.projection.internal.ViewSchema;
import io.acta.projection.internal.ViewStore;
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
  private CqlSession session;
  private ViewStore store;
  private ViewProjections projections;

  private Projections(List<ViewType<?>> views) {
    for (ViewType<?> v : views) {
      if (this.views.put(v.name(), v) != null) throw new IllegalArgumentException("view '" + v.name() + "' is registered twice");
    }
  }

  /** The extension that runs these views. */
  public static Projections of(ViewType<?>... views) {
    return new Projections(List.of(views));
  }

  @Override
  public void start(ActaNode node) {
    Config config = node.config();
    if (!StoreSettings.store(config).equals(StoreSettings.CASSANDRA)) {
      throw new IllegalStateException("views are kept in Cassandra: set acta.persistence.store = cassandra");
    }
    for (ViewType<?> v : views.values()) {
      for (EntityType<?, ?, ?> source : v.sourceTypes()) {
        if (node.entityType(source.name()).isEmpty()) {
          throw new IllegalStateException("view '" + v.name() + "' reads entity type '" + source.name()
              + "', which is not registered on this node");
        }
      }
    }
    long started = System.nanoTime();
    session = CassandraStartup.connect(config);
    String keyspace = config.getString("pekko.persistence.cassandra.journal.keyspace");
    prepareSchema(node, config, keyspace);
    Set<EntityType<?, ?, ?>> sources = new HashSet<>();
    List<Class<?>> rows = new ArrayList<>();
    views.values().forEach(v -> {
      sources.addAll(v.sourceTypes());
      rows.add(v.rowType());
    });
    store = new ViewStore(session, keyspace, new PayloadCodec(TypeRegistry.of(sources, rows)));
    projections = new ViewProjections(node.actorSystem(), session, store, config);
    views.values().forEach(v -> projections.start(v, config));
    log.info("Views {} running in {} ms", views.keySet(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
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
    return store.get(fold(view), key);
  }

  /** Up to {@code limit} rows with keys after {@code after} ({@code null} or "" from the first), in key order. */
  public <V> CompletionStage<Page<V>> list(ViewType<V> view, String after, int limit) {
    checkLimit(limit);
    return store.keys(view.name(), after == null ? "" : after, limit + 1).thenCompose(keys -> page(view, keys, limit, null, null));
  }

  /** As {@link #list}, over the rows whose indexed {@code field} has {@code value}. */
  public <V> CompletionStage<Page<V>> listBy(ViewType<V> view, String field, String value, String after, int limit) {
    checkLimit(limit);
    var extractor = view.indexes().get(field);
    if (extractor == null) {
      throw new IllegalArgumentException("view '" + view.name() + "' has no index '" + field + "'; it has " + view.indexes().keySet());
    }
    return store.keysByIndex(view.name(), field, value, after == null ? "" : after, limit + 1)
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

  /** Every projection's progress, lag measured against the journal. Blocking: for operations, not hot paths. */
  public List<ProjectionStatus> status() {
    return projections.status();
  }

  @SuppressWarnings("unchecked")
  private <V> ViewFold<V> fold(ViewType<V> view) {
    if (views.get(view.name()) != view) throw new IllegalArgumentException("view '" + view.name() + "' is not registered here");
    return new ViewFold<>(view);
  }

  @Override
  public void close() {
    if (session != null) session.close();
  }
}
