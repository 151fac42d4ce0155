package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Every table of the Cassandra store, for the schema command: the journal's and snapshots', then
 * the views'.
 */
public final class Schema {
  private Schema() {}

  /** Creates every keyspace and table (idempotent). */
  public static void createAll(ActorSystem<?> system) {
    try (CqlSession session = CassandraStartup.connectForSchema(system.settings().config())) {
      Ddl.execute(
          session, "journals and snapshots", CassandraStartup.statements(system.classicSystem()));
      ViewSchema.create(session, system);
    }
  }

  /**
   * The statements {@link #createAll} runs, as CQL; the projections' offset tables are created by
   * their plugin.
   */
  public static List<String> statements(ActorSystem<?> system) {
    List<String> all = new ArrayList<>(CassandraStartup.statements(system.classicSystem()));
    all.addAll(
        ViewSchema.statements(
            system.settings().config().getString("pekko.persistence.cassandra.journal.keyspace")));
    all.add(
        "-- and pekko-projection-cassandra's offset tables ("
            + system
                .settings()
                .config()
                .getString("pekko.projection.cassandra.offset-store.keyspace")
            + "."
            + system.settings().config().getString("pekko.projection.cassandra.offset-store.table")
            + "), which 'create' makes through CassandraProjection.createTablesIfNotExists");
    return all;
  }
}
