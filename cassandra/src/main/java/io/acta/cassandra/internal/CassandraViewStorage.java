package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.typesafe.config.Config;
import io.acta.api.view.Versioned;
import io.acta.api.view.ViewEvent;
import io.acta.runtime.spi.Codec;
import io.acta.runtime.spi.OwnedRow;
import io.acta.runtime.spi.ViewFold;
import io.acta.runtime.spi.ViewStorage;
import io.acta.runtime.spi.ViewVersions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.TimeBasedUUID;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.AtLeastOnceProjection;
import org.apache.pekko.projection.javadsl.GroupedProjection;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Views on Cassandra: rows, versions and lag in the journal's keyspace ({@link ViewSchema}),
 * offsets in pekko-projection-cassandra's offset store, events read from
 * pekko-persistence-cassandra's events-by-tag. One session for all of it, opened with the views and
 * closed with them.
 */
final class CassandraViewStorage implements ViewStorage {
  private final ActorSystem<?> system;
  private final CqlSession session;
  private final ViewStore rows;
  private final SharedRows sharedRows;
  private final OwnedRows ownedRows;
  private final VersionTable versions;
  private final SliceLag lag;
  private final RunMarks runs;
  private final Duration lookBack;
  private final boolean listsPersistenceIds;

  private CassandraViewStorage(
      ActorSystem<?> system, CqlSession session, String keyspace, Codec codec, Config config) {
    this.system = system;
    this.session = session;
    RowWriteBatches batches = new RowWriteBatches(session, keyspace, BatchLimits.of(session));
    this.rows = new ViewStore(session, keyspace, codec, batches);
    ViewIndexWrites indexes = new ViewIndexWrites(session, keyspace, batches);
    this.sharedRows = new SharedRows(session, keyspace, codec, indexes);
    this.ownedRows = new OwnedRows(session, keyspace, codec, indexes, batches);
    this.versions = new VersionTable(session, keyspace);
    this.lag =
        new SliceLag(
            session,
            keyspace,
            config.getString("pekko.persistence.cassandra.events-by-tag.bucket-size"),
            config.getString("pekko.persistence.cassandra.events-by-tag.first-time-bucket"));
    this.runs = new RunMarks(session, rows, config);
    this.lookBack = CassandraSettings.lookBack(config);
    this.listsPersistenceIds =
        config.getBoolean("pekko.persistence.cassandra.journal.support-all-persistence-ids");
  }

  /** Connects, creates or checks the view tables as configured, and prepares the statements. */
  static CassandraViewStorage open(ActorSystem<?> system, Codec codec) {
    Config config = system.settings().config();
    try (CqlSession schema = CassandraStartup.connectForSchema(config)) {
      if (config.getBoolean("acta.persistence.cassandra.create-schema")) {
        ViewSchema.create(schema, system);
      } else {
        ViewSchema.verify(schema, config);
      }
    }
    CqlSession session = CassandraStartup.connect(config);
    try {
      String keyspace = config.getString("pekko.persistence.cassandra.journal.keyspace");
      return new CassandraViewStorage(system, session, keyspace, codec, config);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  @Override
  public <V> CompletionStage<Optional<V>> applyAll(
      ViewFold<V> fold,
      String view,
      String key,
      List<ViewEvent<?>> events,
      String writer,
      String run,
      ToLongFunction<String> progress) {
    return sharedRows.applyAll(fold, view, key, events, writer, run, progress);
  }

  @Override
  public <V> CompletionStage<Optional<OwnedRow<V>>> readOwned(
      String view, String key, String source) {
    return ownedRows.read(view, key, source);
  }

  @Override
  public <V> CompletionStage<Void> writeOwned(
      ViewFold<V> fold, String view, String key, OwnedRow<V> before, OwnedRow<V> after) {
    return ownedRows.write(fold, view, key, before, after);
  }

  @Override
  public CompletionStage<Boolean> startRun(String view, ProjectionId id) {
    return runs.start(view, id);
  }

  @Override
  public CompletionStage<Void> recordProgress(String view, String source, long seq) {
    return rows.recordProgress(view, source, seq);
  }

  @Override
  public CompletionStage<Long> progress(String view, String source) {
    return rows.progress(view, source);
  }

  @Override
  public CompletionStage<Void> skip(String view, String source, long seq) {
    return rows.skip(view, source, seq);
  }

  @Override
  public CompletionStage<Set<String>> skips(String view) {
    return rows.skips(view);
  }

  @Override
  public <V> CompletionStage<Optional<V>> get(String view, String key) {
    return rows.get(view, key);
  }

  @Override
  public <V> CompletionStage<Optional<Versioned<V>>> getVersioned(String view, String key) {
    return rows.getVersioned(view, key);
  }

  @Override
  public CompletionStage<Map<String, Long>> rowVersions(String view, List<String> keys) {
    return rows.rowVersions(view, keys);
  }

  @Override
  public CompletionStage<List<String>> keys(String view, String after, int limit) {
    return rows.keys(view, after, limit);
  }

  @Override
  public CompletionStage<List<String>> keysByIndex(
      String view, String field, String value, String after, int limit) {
    return rows.keysByIndex(view, field, value, after, limit);
  }

  @Override
  public ViewVersions ensureVersions(String view) {
    return versions.ensure(view);
  }

  @Override
  public CompletionStage<ViewVersions> versions(String view) {
    return versions.read(view);
  }

  @Override
  public boolean startBuilding(String view, int serving) {
    return versions.startBuilding(view, serving);
  }

  @Override
  public boolean switchOver(String view, int building) {
    return versions.switchOver(view, building);
  }

  @Override
  public long eventsAfter(String tag, Optional<Offset> offset) {
    return lag.eventsAfter(tag, offset.flatMap(CassandraViewStorage::uuid).orElse(null));
  }

  @Override
  public Backlog backlog(
      String tag,
      Optional<Offset> offset,
      Function<Map<String, Long>, Map<String, Long>> processed) {
    return lag.backlog(
        tag, offset.flatMap(CassandraViewStorage::uuid).orElse(null), lookBack, processed);
  }

  @Override
  public Optional<Instant> newestEvent(String tag) {
    return lag.newestEvent(tag);
  }

  @Override
  public Optional<Instant> timeOf(Offset offset) {
    return uuid(offset).map(SliceLag::timeOf);
  }

  private static Optional<UUID> uuid(Offset offset) {
    return offset instanceof TimeBasedUUID t ? Optional.of(t.value()) : Optional.empty();
  }

  @Override
  public CompletionStage<List<EventEnvelope<Object>>> journalEvents(
      String persistenceId, long fromSeq, long toSeq) {
    return PersistenceQuery.get(system)
        .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier())
        .currentEventsByPersistenceId(persistenceId, fromSeq, toSeq)
        .map(
            e ->
                EventEnvelope.create(
                    e.offset(), e.persistenceId(), e.sequenceNr(), e.event(), e.timestamp()))
        .runWith(Sink.seq(), system);
  }

  @Override
  public Optional<Source<String, NotUsed>> persistenceIds() {
    // pekko-persistence-cassandra lists an id in all_persistence_ids before it writes the entity's
    // first event, unless an operator turned that off.
    if (!listsPersistenceIds) return Optional.empty();
    return Optional.of(
        PersistenceQuery.get(system)
            .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier())
            .currentPersistenceIds());
  }

  @Override
  public Offset offsetAt(Instant time) {
    return Offset.timeBasedUUID(Uuids.startOf(time.toEpochMilli()));
  }

  @Override
  public GroupedProjection<Offset, EventEnvelope<Object>> groupedProjection(
      ProjectionId id,
      SourceProvider<Offset, EventEnvelope<Object>> events,
      Supplier<Handler<List<EventEnvelope<Object>>>> handler) {
    return CassandraProjection.groupedWithin(id, events, handler);
  }

  @Override
  public AtLeastOnceProjection<Offset, EventEnvelope<Object>> atLeastOnceProjection(
      ProjectionId id, String tag, Supplier<Handler<EventEnvelope<Object>>> handler) {
    return CassandraProjection.atLeastOnce(id, eventsByTag(tag), handler);
  }

  @Override
  public SourceProvider<Offset, EventEnvelope<Object>> eventsByTag(String tag) {
    return new LookBackEvents(
        EventSourcedProvider.eventsByTag(system, CassandraReadJournal.Identifier(), tag), lookBack);
  }

  @Override
  public void close() {
    session.close();
  }
}
