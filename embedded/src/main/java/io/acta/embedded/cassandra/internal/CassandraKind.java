package io.acta.embedded.cassandra.internal;

import io.acta.embedded.cassandra.EmbeddedCassandra;
import io.acta.embedded.cassandra.EmbeddedCassandraException;
import io.acta.embedded.internal.JavaRequirement;
import io.acta.embedded.internal.ServerKind;
import java.util.List;

/** Cassandra, as the shared helpers of {@code io.acta.embedded.internal} see it. */
public final class CassandraKind {
  /** Cassandra 5.0: Java 11 or 17, settings under {@value EmbeddedCassandra#CONFIG_PATH}. */
  public static final ServerKind KIND =
      new ServerKind(
          "Cassandra",
          "EmbeddedCassandra",
          EmbeddedCassandra.CONFIG_PATH,
          "ACTA_CASSANDRA_JAVA_HOME",
          new JavaRequirement(
              "Cassandra 5.0",
              List.of(17, 11),
              f -> f == 11 || f == 17,
              24,
              "11 or 17",
              "Java 11 and 17 only",
              // On 24 and newer it dies installing its security manager.
              "; on Java 24 and newer it fails with \"Setting a system-wide Policy object is not"
                  + " supported\"",
              "17 (or 11)"),
          "/io/acta/cassandra/embedded/server-classpath.txt",
          "cassandra-all",
          EmbeddedCassandraException::new);

  /** The Cassandra daemon's main class, which {@link io.acta.embedded.internal.ServerMain} runs. */
  public static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

  private CassandraKind() {}
}
