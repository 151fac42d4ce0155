package io.acta.runtime.spi;

import io.acta.runtime.ActaNode;
import io.acta.runtime.internal.entity.CommandEnvelope;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/** What the shards on one node hold right now, for test kits and operations tools. */
public final class Shards {
  private Shards() {}

  /**
   * The Pekko sharding key of an entity type, for tools that query Pekko Cluster Sharding
   * themselves.
   */
  public static EntityTypeKey<?> key(String entityType) {
    return EntityTypeKey.create(CommandEnvelope.class, entityType);
  }

  /** The ids of the entities of {@code entityType} that run (are in memory) on {@code node}. */
  public static CompletionStage<Set<String>> runningEntities(
      ActaNode node, String entityType, Duration timeout) {
    ActorSystem<Void> system = node.actorSystem();
    var key = key(entityType);
    return AskPattern.<ClusterShardingQuery, CurrentShardRegionState>ask(
            ClusterSharding.get(system).shardState(),
            replyTo -> new GetShardRegionState(key, replyTo),
            timeout,
            system.scheduler())
        .thenApply(
            state -> {
              Set<String> ids = new HashSet<>();
              state.getShards().forEach(shard -> ids.addAll(shard.getEntityIds()));
              return ids;
            });
  }
}
