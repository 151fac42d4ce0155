package io.acta.projection.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import io.acta.config.EntitySettings;
import io.acta.entity.EntityType;
import io.acta.persistence.internal.Slices;
import io.acta.projection.ProjectionStatus;
import io.acta.projection.ViewType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.TimeBasedUUID;
import org.apache.pekko.projection.HandlerRecoveryStrategy;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.ProjectionManagement;

/**
 * Runs every view as Pekko projections: one per (view, source entity type, slice), each reading its
 * slice's events-by-tag stream, at least once with offsets in Cassandra (made exactly once by the
 * {@link ViewStore}'s bookkeeping), spread over the cluster by ShardedDaemonProcess.
 */
public final class ViewProjections {
  private record Slice(String view, String entityType, int slice, ProjectionId id) {}

  private final ActorSystem<?> system;
  private final ViewStore store;
  private final SliceLag lag;
  private final List<Slice> slices = new ArrayList<>();
  private final Map<ProjectionId, AtomicLong> processed = new ConcurrentHashMap<>();

  public ViewProjections(ActorSystem<?> system, CqlSession session, ViewStore store, Config config) {
    this.system = system;
    this.store = store;
    this.lag = new SliceLag(session, config.getString("pekko.persistence.cassandra.journal.keyspace"),
        config.getString("pekko.persistence.cassandra.events-by-tag.bucket-size"),
        config.getString("pekko.persistence.cassandra.events-by-tag.first-time-bucket"));
  }

  /** Starts the projections of {@code view}. */
  public <V> void start(ViewType<V> view, Config config) {
    ViewFold<V> fold = new ViewFold<>(view);
    Config p = config.getConfig("acta.projections");
    for (EntityType<?, ?, ?> source : view.sourceTypes()) {
      int count = EntitySettings.resolve(config, source.name(), source.settings()).slices();
      List<Slice> mine = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String tag = Slices.tag(source.name(), i);
        Slice s = new Slice(view.name(), source.name(), i, ProjectionId.of("view-" + view.name(), tag));
        mine.add(s);
        processed.put(s.id(), new AtomicLong());
      }
      slices.addAll(mine);
      ShardedDaemonProcess.get(system).init(ProjectionBehavior.Command.class, "view-" + view.name() + "-" + source.name(),
          count, i -> ProjectionBehavior.create(projection(fold, mine.get(i), p)),
          ShardedDaemonProcessSettings.create(system), Optional.of(ProjectionBehavior.stopMessage()));
    }
  }

  private <V> org.apache.pekko.projection.Projection<?> projection(ViewFold<V> fold, Slice slice, Config p) {
    var source = EventSourcedProvider.<Object>eventsByTag(system, CassandraReadJournal.Identifier(), slice.id().key());
    AtomicLong counter = processed.get(slice.id());
    return CassandraProjection.atLeastOnce(slice.id(), source, () -> new ViewHandler<>(store, fold, counter))
        .withSaveOffset(p.getInt("save-offset-after-events"), p.getDuration("save-offset-after"))
        .withRecoveryStrategy(HandlerRecoveryStrategy.retryAndFail(p.getInt("handler-retries"), p.getDuration("handler-retry-delay")))
        .withRestartBackoff(p.getDuration("restart-backoff.min"), p.getDuration("restart-backoff.max"), 0.2);
  }

  /** The status of every projection of this node's views, lag measured against the journal. */
  public List<ProjectionStatus> status() {
    var management = ProjectionManagement.get(system);
    List<ProjectionStatus> out = new ArrayList<>();
    for (Slice s : slices) {
      Optional<Offset> stored = management.<Offset>getOffset(s.id()).toCompletableFuture().join();
      UUID uuid = stored.filter(o -> o instanceof TimeBasedUUID).map(o -> ((TimeBasedUUID) o).value()).orElse(null);
      long behind = lag.eventsAfter(s.id().key(), uuid);
      Instant storedTime = uuid == null ? null : SliceLag.timeOf(uuid);
      Duration timeBehind = behind == 0 ? Duration.ZERO
          : Duration.between(storedTime == null ? Instant.EPOCH : storedTime, Instant.now());
      out.add(new ProjectionStatus(s.view(), s.entityType(), s.slice(), storedTime, behind, timeBehind,
          processed.get(s.id()).get()));
    }
    return out;
  }
}
