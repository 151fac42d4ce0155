package io.acta.tests.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.acta.embedded.cassandra.EmbeddedCassandra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one real Cassandra server that every integration test of a run shares, started on first use
 * in a fresh directory under target/ and stopped when the test JVM exits (the launcher's shutdown
 * hook, and the server's own watch on its parent, see to that).
 */
public final class SharedCassandra {
  private static EmbeddedCassandra server;

  private SharedCassandra() {}

  /** The running shared server. */
  public static synchronized EmbeddedCassandra get() {
    if (server == null) {
      Path dir = Path.of("target", "cassandra-it").toAbsolutePath();
      deleteRecursively(dir);
      // 1 GiB, as the bench's: the whole run's keyspaces, tables and cluster loads share this one
      // server, and at the default 512m it ran out of heap near the end of one run.
      server = EmbeddedCassandra.builder().dataDirectory(dir).heapMax("1g").start();
    }
    return server;
  }

  public static InetSocketAddress contactPoint() {
    return get().contactPoint();
  }

  /** A driver session to the shared server, for looking at what was stored. */
  public static CqlSession session() {
    return CqlSession.builder()
        .addContactPoint(contactPoint())
        .withLocalDatacenter(get().localDatacenter())
        .build();
  }

  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
