package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.typesafe.config.Config;
import io.acta.runtime.spi.Codec;
import io.acta.runtime.spi.IdempotencyKeys;
import io.acta.runtime.spi.StoreProvider;
import io.acta.runtime.spi.ViewStorage;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.cassandra.healthcheck.CassandraHealthCheck;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.Offset;
import scala.jdk.javaapi.FutureConverters;

/**
 * {@code acta.persistence.store = cassandra}: the store of this module, found by the runtime
 * through ServiceLoader.
 */
public final class CassandraStore implements StoreProvider {
  public static final String NAME = "cassandra";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> pekkoSettings(Config config) {
    return CassandraSettings.pekkoSettings(config);
  }

  @Override
  public Optional<DevServer> startDevServer(Config config) {
    return DevCassandra.startIfWanted(config);
  }

  @Override
  public void prepare(ActorSystem<?> system) {
    CassandraStartup.prepare(system.classicSystem());
  }

  /** pekko-persistence-cassandra's own check: a cheap query through the journal's session. */
  @Override
  public Supplier<CompletionStage<Boolean>> healthCheck(ActorSystem<?> system) {
    CassandraHealthCheck check = new CassandraHealthCheck(system.classicSystem());
    return () -> FutureConverters.asJava(check.apply()).thenApply(ok -> (Boolean) ok);
  }

  @Override
  public Optional<String> readJournalId() {
    return Optional.of(CassandraReadJournal.Identifier());
  }

  /** The smallest time-based UUID of that millisecond: events-by-tag offsets are such UUIDs. */
  @Override
  public Optional<Offset> offsetAt(Instant at) {
    return Optional.of(Offset.timeBasedUUID(Uuids.startOf(at.toEpochMilli())));
  }

  @Override
  public IdempotencyKeys idempotencyKeys(ActorSystem<?> system) {
    return new CassandraIdempotencyKeys(system);
  }

  @Override
  public ViewStorage openViews(ActorSystem<?> system, Codec codec) {
    return CassandraViewStorage.open(system, codec);
  }
}
