package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.internal.core.config.typesafe.DefaultDriverConfigLoader;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.runtime.spi.WriteFence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.cassandra.KeyspaceAndTableStatements;
import org.apache.pekko.persistence.cassandra.PluginSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node does with Cassandra before it takes commands: reach it (or fail fast, saying where it
 * looked), then create the schema when {@code create-schema} is on, or check that it exists. The
 * statements are pekko-persistence-cassandra's own, so they always match its queries.
 */
final class CassandraStartup {
  private static final Logger log = LoggerFactory.getLogger(CassandraStartup.class);

  private CassandraStartup() {}

  /**
   * Connects, then creates or checks the schema as configured; throws with a clear message on
   * failure.
   */
  static void prepare(ActorSystem system) {
    Config config = system.settings().config();
    boolean create = config.getBoolean("acta.persistence.cassandra.create-schema");
    try (CqlSession session = connectForSchema(config)) {
      if (create) {
        Ddl.execute(session, "journals and snapshots", statements(system));
      } else {
        verify(session, config);
      }
    }
  }

  /**
   * Every CQL statement of the schema, keyspaces first, each idempotent ({@code IF NOT EXISTS}).
   */
  static List<String> statements(ActorSystem system) {
    var s =
        new KeyspaceAndTableStatements(
            system, "pekko.persistence.cassandra", PluginSettings.apply(system));
    List<String> all = new ArrayList<>();
    all.add(s.createJournalKeyspaceStatement());
    all.addAll(s.getCreateJournalTablesStatements());
    all.add(
        CassandraIdempotencyKeys.createTable(
            system.settings().config().getString("pekko.persistence.cassandra.journal.keyspace")));
    all.add(s.createSnapshotKeyspaceStatement());
    all.addAll(s.getCreateSnapshotTablesStatements());
    return all;
  }

  /**
   * A session for schema statements and checks only. It keeps no schema metadata: a session that
   * does refreshes it after every statement, each refresh first waits out the driver's debounce
   * window (1 s), so a schema of 16 statements took 17 s. {@link Ddl} checks schema agreement
   * itself instead.
   */
  static CqlSession connectForSchema(Config config) {
    return connect(
        config,
        ConfigFactory.parseMap(
            Map.of(
                "advanced.metadata.schema.enabled", false,
                "advanced.metadata.token-map.enabled", false)));
  }

  /** A session to the configured contact points, or an exception that says which and why not. */
  static CqlSession connect(Config config) {
    return connect(config, ConfigFactory.empty());
  }

  private static CqlSession connect(Config config, Config driverOverrides) {
    Config c = config.getConfig("acta.persistence.cassandra");
    Duration timeout = c.getDuration("connect-timeout");
    List<String> contactPoints = c.getStringList("contact-points");
    long started = System.nanoTime();
    log.info(
        "Connecting to Cassandra at {} (data center {})",
        contactPoints,
        c.getString("local-datacenter"));
    try {
      CqlSessionBuilder builder =
          WriteFence.enabled(config) ? new FencedSessionBuilder() : CqlSession.builder();
      CqlSession session =
          builder
              .withConfigLoader(
                  new DefaultDriverConfigLoader(
                      () -> driverOverrides.withFallback(config.getConfig("datastax-java-driver"))))
              .buildAsync()
              .toCompletableFuture()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      log.info(
          "Connected to Cassandra in {} ms",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return session;
    } catch (ExecutionException e) {
      throw unreachable(contactPoints, e.getCause());
    } catch (TimeoutException e) {
      throw unreachable(
          contactPoints, new TimeoutException("no answer within " + timeout.toMillis() + " ms"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(contactPoints, e);
    }
  }

  private static IllegalStateException unreachable(List<String> contactPoints, Throwable cause) {
    return new IllegalStateException(
        "Cannot reach Cassandra at "
            + contactPoints
            + ": "
            + cause.getMessage()
            + ". Check that it runs and acta.persistence.cassandra.contact-points /"
            + " local-datacenter.",
        cause);
  }

  private static void verify(CqlSession session, Config config) {
    String journal = config.getString("pekko.persistence.cassandra.journal.keyspace");
    String snapshots = config.getString("pekko.persistence.cassandra.snapshot.keyspace");
    Ddl.requireTables(
        session,
        journal,
        Set.of(
            config.getString("pekko.persistence.cassandra.journal.table"),
            config.getString("pekko.persistence.cassandra.events-by-tag.table"),
            CassandraIdempotencyKeys.TABLE),
        "journal");
    Ddl.requireTables(
        session,
        snapshots,
        Set.of(config.getString("pekko.persistence.cassandra.snapshot.table")),
        "snapshot");
  }
}
