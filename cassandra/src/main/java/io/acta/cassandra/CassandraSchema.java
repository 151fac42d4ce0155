package io.acta.cassandra;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.cassandra.internal.Schema;
import io.acta.runtime.spi.ToolSystem;
import java.util.List;

/**
 * The explicit schema step for Cassandra: creates every keyspace and table Acta uses — journal,
 * snapshots, events-by-tag, views and the projections' offsets — (idempotent: every statement is
 * {@code IF NOT EXISTS}), or prints them as a CQL script for a database administrator. Production
 * nodes never create schema by themselves; they check that it exists.
 *
 * <pre>
 * java -cp ... io.acta.cassandra.CassandraSchema create   # against acta.persistence.cassandra.*
 * java -cp ... io.acta.cassandra.CassandraSchema print    # the CQL, to review or run by hand
 * </pre>
 */
public final class CassandraSchema {
  private static final Config CASSANDRA =
      ConfigFactory.parseString("acta.persistence.store = cassandra");

  private CassandraSchema() {}

  /** Creates the keyspaces and tables configured under {@code acta.persistence.cassandra}. */
  public static void create(Config overrides) {
    ToolSystem.with(
        overrides.withFallback(CASSANDRA),
        system -> {
          Schema.createAll(system);
          return null;
        });
  }

  /**
   * The CQL statements of the schema, in order (the offset tables are pekko-projection-cassandra's,
   * named last).
   */
  public static List<String> statements(Config overrides) {
    return ToolSystem.with(overrides.withFallback(CASSANDRA), Schema::statements);
  }

  /**
   * {@code create} or {@code print}; configuration as for a node ({@code application.conf}, {@code
   * -D…}).
   */
  public static void main(String[] args) {
    String command = args.length == 0 ? "" : args[0];
    switch (command) {
      case "create" -> create(ConfigFactory.empty());
      case "print" -> statements(ConfigFactory.empty()).forEach(s -> System.out.println(s + ";\n"));
      default -> {
        System.err.println("usage: CassandraSchema create|print");
        System.exit(2);
      }
    }
  }
}
