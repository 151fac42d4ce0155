package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.projection.ProjectionId;

/**
 * Which runs of a view's projections are their slice's first (see {@link
 * io.acta.runtime.spi.ViewStorage#startRun}). A run's mark is a row of {@code view_progress} under
 * a source no persistence id can be ({@code run-started:<slice>}: persistence ids hold a '|'). A
 * projection that ran before these marks has a stored offset in pekko-projection-cassandra's offset
 * store, which is asked too.
 */
final class RunMarks {
  private static final String MARK = "run-started:";

  /**
   * pekko-projection-cassandra spreads offsets over five partitions ({@code
   * CassandraOffsetStore.cassandraPartitions}); a projection's offset is in one of them.
   */
  private static final List<Integer> OFFSET_PARTITIONS = List.of(0, 1, 2, 3, 4);

  private final CqlSession session;
  private final ViewStore progress;
  private final PreparedStatement offsetOf;

  RunMarks(CqlSession session, ViewStore progress, Config config) {
    this.session = session;
    this.progress = progress;
    this.offsetOf =
        session.prepare(
            "SELECT projection_key FROM "
                + config.getString("pekko.projection.cassandra.offset-store.keyspace")
                + "."
                + config.getString("pekko.projection.cassandra.offset-store.table")
                + " WHERE projection_name = ? AND partition IN ? AND projection_key = ?");
  }

  /**
   * Marks a run of {@code id} on {@code view}; true when it is the first (nothing marked or
   * stored).
   */
  CompletionStage<Boolean> start(String view, ProjectionId id) {
    String mark = MARK + id.key();
    return progress
        .progress(view, mark)
        .thenCombine(
            Quorum.exec(session, offsetOf.bind(id.name(), OFFSET_PARTITIONS, id.key())),
            (marked, offset) -> marked == 0 && offset.one() == null)
        .thenCompose(first -> progress.recordProgress(view, mark, 1).thenApply(d -> first));
  }
}
