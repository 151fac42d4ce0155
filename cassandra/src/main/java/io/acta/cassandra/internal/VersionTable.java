package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.acta.runtime.spi.ViewVersions;
import java.util.concurrent.CompletionStage;

/**
 * Which version of each view serves reads, and which is being rebuilt: one row per view in {@code
 * view_versions}, changed only by conditional updates, so two nodes never disagree on a switch.
 */
final class VersionTable {

  private final CqlSession session;
  private final PreparedStatement init;
  private final PreparedStatement read;
  private final PreparedStatement startBuilding;
  private final PreparedStatement switchOver;

  VersionTable(CqlSession session, String keyspace) {
    this.session = session;
    String t = keyspace + ".view_versions";
    init =
        session.prepare(
            "INSERT INTO " + t + " (view_name, serving, building) VALUES (?, 1, 0) IF NOT EXISTS");
    read = session.prepare("SELECT serving, building FROM " + t + " WHERE view_name = ?");
    startBuilding =
        session.prepare(
            "UPDATE "
                + t
                + " SET building = ? WHERE view_name = ? IF serving = ? AND building = 0");
    switchOver =
        session.prepare(
            "UPDATE " + t + " SET serving = ?, building = 0 WHERE view_name = ? IF building = ?");
  }

  /** A view's versions, the first time it runs: version 1 serves. */
  ViewVersions ensure(String view) {
    session.execute(init.bind(view));
    return read(view).toCompletableFuture().join();
  }

  CompletionStage<ViewVersions> read(String view) {
    return session
        .executeAsync(read.bind(view).setConsistencyLevel(ConsistencyLevel.SERIAL))
        .thenApply(
            rs -> {
              Row r = rs.one();
              return r == null
                  ? ViewVersions.FIRST
                  : new ViewVersions(r.getInt("serving"), r.getInt("building"));
            });
  }

  /**
   * Starts building {@code serving + 1}; false when another rebuild runs or the serving version
   * moved.
   */
  boolean startBuilding(String view, int serving) {
    return session.execute(startBuilding.bind(serving + 1, view, serving)).wasApplied();
  }

  /** Makes {@code building} the serving version; false when it is not the version being built. */
  boolean switchOver(String view, int building) {
    return session.execute(switchOver.bind(building, view, building)).wasApplied();
  }
}
