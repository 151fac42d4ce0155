package io.acta.runtime.internal.views;

import io.acta.api.view.Versioned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes view changes to the nodes that have subscribers for them, in place of each subscriber
 * polling its row. The node that folds a group of events publishes one {@link ViewChanged} on a
 * cluster-wide Pekko pub-sub topic once the group's rows are stored (before its progress, which
 * only spares a redelivery a look at the rows); every node with views runs the topic and a
 * listener, and for each changed row it has subscribers for it reads the row once ({@link
 * RowWatch}) and hands it to all of them. Read-your-writes waiters ({@link ProgressWaiters}) wake
 * on the same notices.
 *
 * <p>Pub-sub delivers at most once: a notice is lost when a node restarts or a connection between
 * nodes drops. So every watched row is read again when cluster membership or reachability changes,
 * when a rebuilt version starts serving, and every {@code
 * acta.projections.updates-resync-interval}; read-your-writes waiters look at the stored progress
 * once a second besides.
 */
final class ViewChanges implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ViewChanges.class);

  /** How many watched rows a resync reads at once. */
  private static final int RESYNC_PARALLELISM = 16;

  /** How many watched rows' versions a resync asks for in one request. */
  private static final int RESYNC_BATCH = 100;

  private final ActorSystem<?> system;
  private final ActorRef<Topic.Command<ViewChanged>> topic;
  private final ActorRef<Object> listener;
  private final BiFunction<String, String, CompletionStage<Optional<Versioned<Object>>>> rows;
  private final BiFunction<String, List<String>, CompletionStage<Map<String, Long>>> versions;
  private final ToIntFunction<String> servingVersion;
  private final Map<RowWatch.Id, RowWatch> watches = new ConcurrentHashMap<>();
  private final ProgressWaiters waiters = new ProgressWaiters();

  /**
   * Starts the topic and this node's listener.
   *
   * @param rows reads a view's row in the version that serves now, by view name and key
   * @param versions reads the versions (as {@code rows} gives them) of a view's rows that exist, by
   *     view name and keys
   * @param servingVersion the version of a view (by name) that serves reads here now
   * @param resyncEvery how often every watched row is looked at again; zero for never
   */
  ViewChanges(
      ActorSystem<?> system,
      BiFunction<String, String, CompletionStage<Optional<Versioned<Object>>>> rows,
      BiFunction<String, List<String>, CompletionStage<Map<String, Long>>> versions,
      ToIntFunction<String> servingVersion,
      Duration resyncEvery) {
    this.system = system;
    this.rows = rows;
    this.versions = versions;
    this.servingVersion = servingVersion;
    this.topic =
        system.systemActorOf(
            Topic.create(ViewChanged.class, "acta-view-changes"),
            "acta-view-changes",
            Props.empty());
    this.listener = system.systemActorOf(listen(resyncEvery), "acta-view-listener", Props.empty());
    topic.tell(Topic.subscribe(listener.<ViewChanged>narrow()));
    Cluster.get(system)
        .subscriptions()
        .tell(Subscribe.create(listener.narrow(), ClusterEvent.MemberEvent.class));
    Cluster.get(system)
        .subscriptions()
        .tell(Subscribe.create(listener.narrow(), ClusterEvent.ReachabilityEvent.class));
  }

  private Behavior<Object> listen(Duration resyncEvery) {
    return Behaviors.withTimers(
        timers -> {
          if (!resyncEvery.isZero()) timers.startTimerWithFixedDelay(Resync.INSTANCE, resyncEvery);
          return Behaviors.receive(Object.class)
              .onMessage(
                  ViewChanged.class,
                  c -> {
                    received(c);
                    return Behaviors.same();
                  })
              .onMessage(Stop.class, s -> Behaviors.stopped())
              .onMessage(
                  Resync.class,
                  r -> {
                    resync(view -> true);
                    return Behaviors.same();
                  })
              .onMessage(
                  ClusterEvent.MemberEvent.class,
                  e -> {
                    resync(view -> true);
                    return Behaviors.same();
                  })
              .onMessage(
                  ClusterEvent.ReachabilityEvent.class,
                  e -> {
                    resync(view -> true);
                    return Behaviors.same();
                  })
              .build();
        });
  }

  /** The listener's own timer message; never leaves the node. */
  private enum Resync implements NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** Stops the listener; never leaves the node. */
  private enum Stop implements NoSerializationVerificationNeeded {
    INSTANCE
  }

  /**
   * Tells every node that a handled group changed {@code keys} and reached {@code progress}. This
   * node's read-your-writes waiters are woken at once, with the rows the group wrote ({@code rows},
   * by key, those the caller has at hand): the notice on the topic carries keys only.
   */
  void publish(
      String view,
      int version,
      List<String> keys,
      Map<String, Long> progress,
      Map<String, Object> rows) {
    if (keys.isEmpty() && progress.isEmpty()) return;
    waiters.reached(view, version, progress, rows);
    topic.tell(Topic.publish(new ViewChanged(view, version, keys, progress)));
  }

  /**
   * The last sequence number of {@code persistenceId} the notices this node remembers said {@code
   * view} at {@code version} processed; -1 when none spoke of it.
   */
  long noticedProgress(String view, int version, String persistenceId) {
    return waiters.known(view, version, persistenceId);
  }

  /** A notice, from this node or another: wakes the watches and waiters it concerns. */
  void received(ViewChanged change) {
    waiters.reached(change.view(), change.version(), change.progress(), Map.of());
    // Rows of a version that does not serve here are not what subscribers read.
    if (change.version() != servingVersion.applyAsInt(change.view())) return;
    for (String key : change.keys()) {
      RowWatch watch = watches.get(new RowWatch.Id(change.view(), key));
      if (watch != null) watch.refresh();
    }
  }

  /**
   * The row of {@code key} in {@code view} each time it changes, beginning with the current one;
   * only rows newer than {@code afterVersion}.
   */
  Source<Versioned<Object>, NotUsed> rows(String view, String key, long afterVersion) {
    RowWatch.Id id = new RowWatch.Id(view, key);
    return Source.<Versioned<Object>, NotUsed>fromMaterializer(
            (materializer, attributes) -> {
              RowWatch.Subscriber subscriber = new RowWatch.Subscriber(afterVersion);
              RowWatch watch = watches.compute(id, (i, w) -> add(w, i, subscriber));
              watch.refresh();
              return subscriber
                  .changes()
                  .watchTermination(
                      (mat, done) -> {
                        done.whenComplete(
                            (d, e) -> watches.computeIfPresent(id, (i, w) -> w.remove(subscriber)));
                        return mat;
                      });
            })
        .mapMaterializedValue(f -> NotUsed.getInstance());
  }

  private RowWatch add(RowWatch existing, RowWatch.Id id, RowWatch.Subscriber subscriber) {
    RowWatch watch =
        existing != null ? existing : new RowWatch(() -> rows.apply(id.view(), id.key()));
    watch.add(subscriber);
    return watch;
  }

  /**
   * Completes once {@code view} at {@code version} has processed {@code persistenceId} up to {@code
   * seq}, as notices or {@code stored} (the stored progress) tell: with the row of {@code rowKey}
   * when this node folded the group that got there and wrote that row, empty otherwise (the row is
   * then read). Fails with a {@link java.util.concurrent.TimeoutException} after {@code timeout}.
   * The store is looked at at once when no notice this node remembers spoke of the entity, a second
   * later otherwise (a notice of its next change is then due: the look covers its loss), and once a
   * second after that.
   */
  CompletionStage<Optional<Object>> awaitProgress(
      String view,
      int version,
      String persistenceId,
      long seq,
      String rowKey,
      Duration timeout,
      Supplier<CompletionStage<Long>> stored) {
    boolean heardOf = waiters.known(view, version, persistenceId) >= 0;
    CompletableFuture<Optional<Object>> reached =
        waiters.await(view, version, persistenceId, seq, rowKey);
    if (heardOf) lookAtStoredLater(reached, seq, stored);
    else lookAtStored(reached, seq, stored);
    return reached.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static void lookAtStoredLater(
      CompletableFuture<Optional<Object>> reached,
      long seq,
      Supplier<CompletionStage<Long>> stored) {
    if (reached.isDone()) return;
    CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)
        .execute(() -> lookAtStored(reached, seq, stored));
  }

  /** Looks at the stored progress now and then once a second until {@code reached} completes. */
  private static void lookAtStored(
      CompletableFuture<Optional<Object>> reached,
      long seq,
      Supplier<CompletionStage<Long>> stored) {
    if (reached.isDone()) return;
    stored
        .get()
        .whenComplete(
            (at, error) -> {
              if (at != null && at >= seq) reached.complete(Optional.empty());
              else lookAtStoredLater(reached, seq, stored);
            });
  }

  /**
   * Looks again at every watched row of the views {@code which} accepts: asks for their versions, a
   * hundred rows at a time, and reads again the rows that changed since their watches last read
   * them (a notice lost). Where the versions cannot be read, the rows are read.
   */
  void resync(Predicate<String> which) {
    List<Map.Entry<RowWatch.Id, RowWatch>> due =
        watches.entrySet().stream().filter(e -> which.test(e.getKey().view())).toList();
    if (due.isEmpty()) return;
    log.debug("Looking at {} watched rows again", due.size());
    Map<String, List<Map.Entry<RowWatch.Id, RowWatch>>> byView = new HashMap<>();
    for (var e : due) byView.computeIfAbsent(e.getKey().view(), v -> new ArrayList<>()).add(e);
    List<List<Map.Entry<RowWatch.Id, RowWatch>>> batches = new ArrayList<>();
    for (var rowsOfView : byView.values()) {
      for (int i = 0; i < rowsOfView.size(); i += RESYNC_BATCH)
        batches.add(rowsOfView.subList(i, Math.min(rowsOfView.size(), i + RESYNC_BATCH)));
    }
    Source.from(batches)
        .mapAsyncUnordered(RESYNC_PARALLELISM, this::changedSince)
        .mapConcat(changed -> changed)
        // A stream element may not be null: each read is counted as Done.
        .mapAsyncUnordered(RESYNC_PARALLELISM, w -> w.refresh().thenApply(d -> Done.getInstance()))
        .runWith(Sink.ignore(), system);
  }

  /** The watches of one view's batch whose rows are newer than what they last read. */
  private CompletionStage<List<RowWatch>> changedSince(
      List<Map.Entry<RowWatch.Id, RowWatch>> batch) {
    String view = batch.get(0).getKey().view();
    List<String> keys = batch.stream().map(e -> e.getKey().key()).toList();
    CompletionStage<Map<String, Long>> stored;
    try {
      stored = versions.apply(view, keys);
    } catch (RuntimeException e) {
      stored = CompletableFuture.failedFuture(e);
    }
    return stored.handle(
        (found, error) -> {
          if (error != null) {
            log.debug("Reading the versions of watched rows failed; reading the rows", error);
            return batch.stream().map(Map.Entry::getValue).toList();
          }
          return changed(batch, found);
        });
  }

  /**
   * The watches of {@code batch} whose rows' stored versions ({@code stored}, by key) are newer
   * than what they last read; not those whose row does not exist.
   */
  static List<RowWatch> changed(
      List<Map.Entry<RowWatch.Id, RowWatch>> batch, Map<String, Long> stored) {
    List<RowWatch> changed = new ArrayList<>();
    for (var e : batch) {
      Long version = stored.get(e.getKey().key());
      if (version != null && version > e.getValue().lastVersion()) changed.add(e.getValue());
    }
    return changed;
  }

  @Override
  public void close() {
    topic.tell(Topic.unsubscribe(listener.<ViewChanged>narrow()));
    listener.tell(Stop.INSTANCE);
  }
}
