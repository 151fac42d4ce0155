package io.acta.projection;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.persistence.internal.CassandraStartup;
import io.acta.persistence.internal.SchemaSystem;
import io.acta.projection.internal.ViewSchema;
import java.time.Duration;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;

/**
 * The explicit schema step for views: their tables and the projections' offset tables, beside the
 * journal (run {@code io.acta.persistence.CassandraSchema create} first). Idempotent.
 *
 * <pre>
 * java -cp ... io.acta.projection.ViewsSchema create
 * </pre>
 */
public final class ViewsSchema {
  private ViewsSchema() {}

  /** Creates the view and offset tables in the keyspace of {@code acta.persistence.cassandra.keyspace}. */
  public static void create(Config overrides) {
    SchemaSystem.with(overrides, system -> {
      Config config = system.settings().config();
      try (CqlSession session = CassandraStartup.connect(config)) {
        for (String cql : ViewSchema.statements(config.getString("pekko.persistence.cassandra.journal.keyspace"))) {
          session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(60)));
        }
      }
      CassandraProjection.createTablesIfNotExists(Adapter.toTyped(system)).toCompletableFuture().join();
      return null;
    });
  }

  /** {@code create}; configuration as for a node ({@code application.conf}, {@code -D…}). */
  public static void main(String[] args) {
    if (args.length != 1 || !args[0].equals("create")) {
      System.err.println("usage: ViewsSchema create");
      System.exit(2);
    }
    create(ConfigFactory.empty());
  }
}
