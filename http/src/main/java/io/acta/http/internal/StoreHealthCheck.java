package io.acta.http.internal;

import io.acta.persistence.internal.StoreSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.cassandra.healthcheck.CassandraHealthCheck;

/**
 * Readiness: the node's store answers. For Cassandra, pekko-persistence-cassandra's own check (a
 * cheap query through the journal's session); the in-memory store is always there.
 */
public final class StoreHealthCheck implements Supplier<CompletionStage<Boolean>> {
  private final CassandraHealthCheck cassandra;

  public StoreHealthCheck(ActorSystem system) {
    boolean usesCassandra = StoreSettings.store(system.settings().config()).equals(StoreSettings.CASSANDRA);
    this.cassandra = usesCassandra ? new CassandraHealthCheck(system) : null;
  }

  @Override
  public CompletionStage<Boolean> get() {
    if (cassandra == null) return CompletableFuture.completedFuture(true);
    return scala.jdk.javaapi.FutureConverters.asJava(cassandra.apply()).thenApply(ok -> (Boolean) ok);
  }
}
