package io.acta.runtime.spi;

import io.acta.runtime.ActaNode;
import io.acta.runtime.internal.entity.CommandEnvelope;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion.ClusterShardingStats;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
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

  /**
   * The shards of {@code entityType} across the whole cluster: for each node's address, the number
   * of entities each of its shards holds in memory. Asks every node's shard region, so it takes up
   * to {@code timeout}; for operations tools, not hot paths.
   */
  public static CompletionStage<Map<String, Map<String, Integer>>> clusterShards(
      ActaNode node, String entityType, Duration timeout) {
    ActorSystem<Void> system = node.actorSystem();
    return AskPattern.<ClusterShardingQuery, ClusterShardingStats>ask(
            ClusterSharding.get(system).shardState(),
            replyTo -> new GetClusterShardingStats(key(entityType), timeout, replyTo),
            timeout.plusSeconds(1),
            system.scheduler())
        .thenApply(
            stats -> {
              Map<String, Map<String, Integer>> out = new TreeMap<>();
              stats
                  .getRegions()
                  .forEach(
                      (address, region) -> {
                        Map<String, Integer> shards = new TreeMap<>();
                        region
                            .getStats()
                            .forEach((shard, entities) -> shards.put(shard, (Integer) entities));
                        out.put(address.toString(), shards);
                      });
              return out;
            });
  }
}
