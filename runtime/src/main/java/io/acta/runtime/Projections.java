package io.acta.runtime;

import io.acta.api.reaction.ReactionOperations;
import io.acta.api.reaction.ReactionType;
import io.acta.api.view.HandlerType;
import io.acta.api.view.ViewOperations;
import io.acta.api.view.ViewQueries;
import io.acta.api.view.ViewType;
import io.acta.runtime.internal.views.FeedOperationService;
import io.acta.runtime.internal.views.ReactionOperationService;
import io.acta.runtime.internal.views.ViewEngine;
import io.acta.runtime.internal.views.ViewOperationService;
import io.acta.runtime.internal.views.ViewQueryService;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The views and raw handlers a node runs: keeps views up to date from the journals, effectively
 * exactly once, in the node's store. Register it with the node, then read views through {@link
 * #queries()} and operate them through {@link #operations()}.
 *
 * <pre>{@code
 * ActaNode node = ActaNode.builder("ledger").entity(Account.TYPE)
 *     .with(Projections.of(LedgerViews.BALANCES, LedgerViews.TOTALS)).start();
 * ViewQueries views = node.extension(Projections.class).queries();
 * Optional<CurrencyTotals> eur = views.get(LedgerViews.TOTALS, "EUR").toCompletableFuture().join();
 * }</pre>
 */
public final class Projections implements NodeExtension {
  private final Map<String, ViewType<?>> views = new LinkedHashMap<>();
  private final Map<String, HandlerType<?>> handlers = new LinkedHashMap<>();
  private final Map<String, ReactionType<?>> reactions = new LinkedHashMap<>();
  private final Map<String, EventFeed<?>> feeds = new LinkedHashMap<>();
  private volatile ViewEngine engine;
  private volatile ViewQueries queries;
  private volatile ViewOperations operations;
  private volatile ReactionOperations reactionOperations;
  private volatile FeedOperations feedOperations;

  private Projections(List<ViewType<?>> views) {
    for (ViewType<?> v : views) {
      if (this.views.put(v.name(), v) != null)
        throw new IllegalArgumentException("view '" + v.name() + "' is registered twice");
    }
  }

  /** The extension that runs these views. */
  public static Projections of(ViewType<?>... views) {
    return new Projections(List.of(views));
  }

  /** This extension, also running raw handlers (at least once, offsets kept for them). */
  public Projections withHandlers(HandlerType<?>... more) {
    for (HandlerType<?> h : more) {
      if (handlers.put(h.name(), h) != null)
        throw new IllegalArgumentException("handler '" + h.name() + "' is registered twice");
    }
    return this;
  }

  /**
   * This extension, also running reactions: commands sent to entities for the events of others, at
   * least once in order per source entity, effectively once at the target (see {@link
   * io.acta.api.reaction.Reaction}).
   */
  public Projections withReactions(ReactionType<?>... more) {
    for (ReactionType<?> r : more) {
      if (reactions.put(r.name(), r) != null)
        throw new IllegalArgumentException("reaction '" + r.name() + "' is registered twice");
    }
    return this;
  }

  /**
   * This extension, also running feeds: events handed to a system outside the cluster, at least
   * once in order per entity (see {@link EventFeed}). Before the node starts, or after: an
   * extension that delivers to a broker adds its feeds while it starts.
   */
  public synchronized Projections withFeeds(EventFeed<?>... more) {
    for (EventFeed<?> f : more) {
      if (engine != null) engine.startFeed(f);
      else if (feeds.put(f.name(), f) != null)
        throw new IllegalArgumentException("feed '" + f.name() + "' is registered twice");
    }
    return this;
  }

  /** The registered views, in the order given; known before the node starts. */
  public Collection<ViewType<?>> views() {
    return List.copyOf(views.values());
  }

  /** The registered reactions, in the order given; known before the node starts. */
  public Collection<ReactionType<?>> reactionTypes() {
    return List.copyOf(reactions.values());
  }

  /** Reading the views. Available once the node has started. */
  public ViewQueries queries() {
    requireStarted();
    return queries;
  }

  /** Operating the views: status, skips, rebuilds. Available once the node has started. */
  public ViewOperations operations() {
    requireStarted();
    return operations;
  }

  /** Operating the reactions: status and skips. Available once the node has started. */
  public ReactionOperations reactions() {
    requireStarted();
    return reactionOperations;
  }

  /** Operating the feeds: status and skips. Available once the node has started. */
  public FeedOperations feeds() {
    requireStarted();
    return feedOperations;
  }

  /** Whether the node has started these views. */
  public boolean started() {
    return engine != null;
  }

  private void requireStarted() {
    if (engine == null)
      throw new IllegalStateException("the views have not started: start the node first");
  }

  @Override
  public synchronized void start(ActaNode node) {
    ViewEngine started = ViewEngine.start(node, views, handlers, reactions);
    feeds.values().forEach(started::startFeed);
    queries = new ViewQueryService(started);
    operations = new ViewOperationService(started);
    reactionOperations = new ReactionOperationService(started);
    feedOperations = new FeedOperationService(started);
    engine = started;
  }

  @Override
  public void close() {
    if (engine != null) engine.close();
  }
}
