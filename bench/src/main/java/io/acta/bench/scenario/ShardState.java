package io.acta.bench.scenario;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/** What the local shard region of an entity type holds: which entities are alive in memory. */
final class ShardState {
  private ShardState() {}

  /** How many entities of {@code key} are alive on this node. */
  static long liveEntities(ActorSystem<?> system, EntityTypeKey<?> key) {
    return state(system, key).getShards().stream().mapToLong(s -> s.getEntityIds().size()).sum();
  }

  /**
   * Waits until entity {@code id} of {@code key} is no longer alive (passivated); fails after
   * {@code timeout}.
   */
  static void awaitPassivated(
      ActorSystem<?> system, EntityTypeKey<?> key, String id, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean alive =
          state(system, key).getShards().stream().anyMatch(s -> s.getEntityIds().contains(id));
      if (!alive) return;
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        key.name() + " '" + id + "' was not passivated within " + timeout);
  }

  /** Waits until no entity of {@code key} is alive on this node; fails after {@code timeout}. */
  static void awaitNoneAlive(ActorSystem<?> system, EntityTypeKey<?> key, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (liveEntities(system, key) > 0) {
      if (System.nanoTime() > deadline)
        throw new IllegalStateException(
            key.name() + " entities still alive after " + timeout.toSeconds() + " s");
      Thread.sleep(50);
    }
  }

  private static CurrentShardRegionState state(ActorSystem<?> system, EntityTypeKey<?> key) {
    return AskPattern.<ClusterShardingQuery, CurrentShardRegionState>ask(
            ClusterSharding.get(system).shardState(),
            replyTo -> new GetShardRegionState(key, replyTo),
            Duration.ofSeconds(30),
            system.scheduler())
        .toCompletableFuture()
        .join();
  }
}
