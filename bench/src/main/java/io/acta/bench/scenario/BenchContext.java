package io.acta.bench.scenario;

import io.acta.bench.BenchOptions;
import io.acta.bench.Progress;
import io.acta.bench.cassandra.BenchCassandra;
import java.util.Locale;
import java.util.Map;

/**
 * What scenarios share within a run: the options, the progress output, the versions found, and the
 * Cassandra server, started on first use (so a run without Cassandra scenarios never starts it) and
 * stopped when the run ends.
 */
public final class BenchContext implements AutoCloseable {
  private final BenchOptions options;
  private final Progress progress;
  private final Map<String, String> versions;
  private BenchCassandra cassandra;

  public BenchContext(BenchOptions options, Progress progress, Map<String, String> versions) {
    this.options = options;
    this.progress = progress;
    this.versions = versions;
  }

  public BenchOptions options() {
    return options;
  }

  public Progress progress() {
    return progress;
  }

  /**
   * The run's Cassandra server, started in a fresh directory under the output directory on first
   * call.
   */
  public synchronized BenchCassandra cassandra() {
    if (cassandra == null) {
      var dir = options.out().resolve("cassandra-bench").toAbsolutePath();
      progress.step("starting Cassandra in " + dir + " (takes a minute on 2 cores)");
      long t0 = System.nanoTime();
      cassandra = BenchCassandra.start(dir);
      versions.put("Cassandra", cassandra.server().cassandraVersion());
      progress.step(
          String.format(
              Locale.ROOT,
              "Cassandra %s ready in %.0f s",
              cassandra.server().cassandraVersion(),
              (System.nanoTime() - t0) / 1e9));
    }
    return cassandra;
  }

  @Override
  public synchronized void close() {
    if (cassandra != null) {
      progress.info("stopping Cassandra");
      cassandra.close();
      cassandra = null;
    }
  }
}
