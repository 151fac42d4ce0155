package io.acta.runtime.internal.views;

import io.acta.api.view.Versioned;
import java.time.Duration;
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

  private final ActorSystem<?> system;
  private final ActorRef<Topic.Command<ViewChanged>> topic;
  private final ActorRef<Object> listener;
  private final BiFunction<String, String, CompletionStage<Optional<Versioned<Object>>>> rows;
  private final ToIntFunction<String> servingVersion;
  private final Map<RowWatch.Id, RowWatch> watches = new ConcurrentHashMap<>();
  private final ProgressWaiters waiters = new ProgressWaiters();

  /**
   * Starts the topic and this node's listener.
   *
   * @param rows reads a view's row in the version that serves now, by view name and key
   * @param servingVersion the version of a view (by name) that serves reads here now
   * @param resyncEvery how often every watched row is read again; zero for never
   */
  ViewChanges(
      ActorSystem<?> system,
      BiFunction<String, String, CompletionStage<Optional<Versioned<Object>>>> rows,
      ToIntFunction<String> servingVersion,
      Duration resyncEvery) {
    this.system = system;
    this.rows = rows;
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

  /** Reads again every watched row of the views {@code which} accepts. */
  void resync(Predicate<String> which) {
    List<RowWatch> due =
        watches.entrySet().stream()
            .filter(e -> which.test(e.getKey().view()))
            .map(Map.Entry::getValue)
            .toList();
    if (due.isEmpty()) return;
    log.debug("Reading {} watched rows again", due.size());
    Source.from(due)
        // A stream element may not be null: each read is counted as Done.
        .mapAsyncUnordered(RESYNC_PARALLELISM, w -> w.refresh().thenApply(d -> Done.getInstance()))
        .runWith(Sink.ignore(), system);
  }

  @Override
  public void close() {
    topic.tell(Topic.unsubscribe(listener.<ViewChanged>narrow()));
    listener.tell(Stop.INSTANCE);
  }
}
