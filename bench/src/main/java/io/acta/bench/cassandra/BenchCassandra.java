package io.acta.bench.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.ConfigFactory;
import io.acta.embedded.cassandra.EmbeddedCassandra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one real Cassandra server of a run, started by the bench in a fresh directory (so every run
 * starts from empty tables) and stopped at its end. Acta, raw Pekko and the raw driver all write to
 * it, one after the other.
 */
public final class BenchCassandra implements AutoCloseable {
  private final EmbeddedCassandra server;

  private BenchCassandra(EmbeddedCassandra server) {
    this.server = server;
  }

  /**
   * Deletes {@code directory} and starts a server there, with a 1 GiB heap. Other settings come
   * from {@code acta.cassandra.embedded} of the bench JVM's configuration, so a run can pass the
   * server JVM options, such as a profiler's agent: {@code
   * -Dbench.jvmArg=-Dacta.cassandra.embedded.jvm-options.0=-agentpath:...}.
   */
  public static BenchCassandra start(Path directory) {
    deleteRecursively(directory);
    return new BenchCassandra(
        EmbeddedCassandra.builder()
            .config(ConfigFactory.load())
            .dataDirectory(directory)
            .heapMax("1g")
            .start());
  }

  public EmbeddedCassandra server() {
    return server;
  }

  /** A new driver session to the server; the caller closes it. */
  public CqlSession session() {
    return CqlSession.builder()
        .addContactPoint(server.contactPoint())
        .withLocalDatacenter(server.localDatacenter())
        .build();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
