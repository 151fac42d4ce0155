package io.acta.persistence;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.persistence.internal.CassandraStartup;
import io.acta.persistence.internal.SchemaSystem;
import java.util.List;
import org.apache.pekko.actor.ActorSystem;

/**
 * The explicit schema step for Cassandra: creates Acta's keyspaces and tables (idempotent: every
 * statement is {@code IF NOT EXISTS}), or prints them as a CQL script for a database administrator.
 * Production nodes never create schema by themselves; they check that it exists.
 *
 * <pre>
 * java -cp ... io.acta.persistence.CassandraSchema create   # against acta.persistence.cassandra.*
 * java -cp ... io.acta.persistence.CassandraSchema print    # the CQL, to review or run by hand
 * </pre>
 */
public final class CassandraSchema {
  private CassandraSchema() {}

  /** Creates the keyspaces and tables configured under {@code acta.persistence.cassandra}. */
  public static void create(Config overrides) {
    withSystem(overrides, system -> {
      try (CqlSession session = CassandraStartup.connect(system.settings().config())) {
        for (String cql : CassandraStartup.statements(system)) {
          session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(cql)
              .setTimeout(java.time.Duration.ofSeconds(60)));
        }
      }
      return null;
    });
  }

  /** The CQL statements of the schema, in order. */
  public static List<String> statements(Config overrides) {
    return withSystem(overrides, CassandraStartup::statements);
  }

  /** {@code create} or {@code print}; configuration as for a node ({@code application.conf}, {@code -D…}). */
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

  private static <T> T withSystem(Config overrides, java.util.function.Function<ActorSystem, T> work) {
    return SchemaSystem.with(overrides, work);
  }
}
