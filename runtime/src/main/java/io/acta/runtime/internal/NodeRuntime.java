package io.acta.runtime.internal;

import com.typesafe.config.Config;
import io.acta.api.entity.EntitySettings;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.ReplyType;
import io.acta.api.spi.EntityLogic;
import io.acta.api.spi.Outcome;
import io.acta.runtime.EntityRef;
import io.acta.runtime.NodeRole;
import io.acta.runtime.internal.entity.CommandEnvelope;
import io.acta.runtime.internal.entity.EntityBehavior;
import io.acta.runtime.internal.entity.StopEntity;
import io.acta.runtime.internal.fence.NodeFence;
import io.acta.runtime.internal.fence.PauseFence;
import io.acta.runtime.internal.serialization.ActaSetup;
import io.acta.runtime.internal.serialization.TypeRegistry;
import io.acta.runtime.spi.StoreProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.setup.ActorSystemSetup;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind {@code ActaNode}: the actor system, the cluster membership and the sharded
 * entity types.
 */
public final class NodeRuntime {
  private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);

  private record Registered(
      EntityType<?, ?, ?> type,
      EntitySettings settings,
      EntityTypeKey<CommandEnvelope> key,
      CommandMetrics metrics) {}

  private final ActorSystem<Void> system;
  private final Map<String, Registered> types;
  private final int maxIdLength;
  private final ActorRef<Outcome> ignore;
  private final StoreProvider.DevServer devServer;
  private final NodeRoles roles;
  private final NodeStop stop;

  private NodeRuntime(
      ActorSystem<Void> system, Map<String, Registered> types, StoreProvider.DevServer devServer) {
    this.system = system;
    this.devServer = devServer;
    this.types = types;
    this.maxIdLength = system.settings().config().getInt("acta.node.max-entity-id-length");
    this.ignore = system.ignoreRef();
    this.roles = NodeRoles.of(system.settings().config());
    this.stop = NodeStop.of(system);
  }

  public static NodeRuntime start(
      String name,
      List<EntityType<?, ?, ?>> entityTypes,
      Config overrides,
      Clock clock,
      CompositeMeterRegistry meters) {
    return start(name, entityTypes, overrides, clock, meters, PauseFence.jvm());
  }

  /** As {@link #start(String, List, Config, Clock, CompositeMeterRegistry)}, at {@code fence}. */
  public static NodeRuntime start(
      String name,
      List<EntityType<?, ?, ?>> entityTypes,
      Config overrides,
      Clock clock,
      CompositeMeterRegistry meters,
      PauseFence fence) {
    long started = System.nanoTime();
    Config config = NodeConfig.build(overrides, entityTypes);
    NodeFence.threshold(config); // refused before anything starts
    StoreProvider.DevServer devServer =
        StoreSettings.store(config).startDevServer(config).orElse(null);
    if (devServer != null) {
      config = NodeConfig.build(devServer.settings().withFallback(overrides), entityTypes);
    }
    try {
      return start(name, entityTypes, config, clock, meters, started, devServer, fence);
    } catch (RuntimeException e) {
      if (devServer != null) devServer.close();
      throw e;
    }
  }

  private static NodeRuntime start(
      String name,
      List<EntityType<?, ?, ?>> entityTypes,
      Config config,
      Clock clock,
      MeterRegistry meters,
      long started,
      StoreProvider.DevServer devServer,
      PauseFence fence) {
    var setup =
        ActorSystemSetup.create(BootstrapSetup.create(config))
            .withSetup(new ActaSetup(TypeRegistry.of(entityTypes), clock, meters, fence));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), name, setup);
    try {
      NodeFence.guard(system, fence, NodeFence.threshold(config));
      StoreSettings.store(config).prepare(system);
      ClusterJoin.start(system, config);
      Map<String, Registered> registered = new LinkedHashMap<>();
      ClusterSharding sharding = ClusterSharding.get(system);
      for (EntityType<?, ?, ?> type : entityTypes) {
        EntitySettings settings = EntitySettingsReader.resolve(config, type);
        EntityTypeKey<CommandEnvelope> key =
            EntityTypeKey.create(CommandEnvelope.class, type.name());
        ClusterShardingSettings shardingSettings = ClusterShardingSettings.create(system);
        boolean isProcess = new EntityLogic<>(type).isProcess();
        // Its stuck-processes gauge reads 0 from the start, for alerts to have a series.
        if (isProcess) ActaSetup.of(system.classicSystem()).processes().register(type.name());
        shardingSettings =
            isProcess
                // Every unfinished process stays in memory and is started again wherever its shard
                // goes (after a failover, or when the cluster restarts), so that its steps and
                // timers
                // go on; the set of them is kept in the journal. A finished one leaves the set.
                ? shardingSettings
                    .withNoPassivationStrategy()
                    .withRememberEntities(true)
                    .withRememberEntitiesStoreMode(
                        ClusterShardingSettings.RememberEntitiesStoreModeEventSourced$.MODULE$)
                : settings.passivates()
                    ? shardingSettings.withPassivationStrategy(
                        shardingSettings
                            .passivationStrategySettings()
                            .withIdleEntityPassivation(settings.passivateAfterIdle()))
                    : shardingSettings.withNoPassivationStrategy();
        // Nodes without the entities role get a proxy: they route to the shards, host none.
        sharding.init(
            Entity.of(
                    key,
                    ctx -> EntityBehavior.create(type, ctx.getEntityId(), settings, ctx.getShard()))
                .withStopMessage(StopEntity.ENVELOPE)
                .withSettings(shardingSettings)
                .withRole(NodeRole.ENTITIES.configName()));
        registered.put(
            type.name(),
            new Registered(type, settings, key, new CommandMetrics(meters, type.name())));
      }
      awaitUp(system, config.getDuration("acta.node.startup-timeout"));
      log.info(
          "Acta node {} up at {} in {} ms, roles {}, entity types {}, store {}",
          name,
          Cluster.get(system).selfMember().address(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          NodeRoles.of(config).names(),
          registered.keySet(),
          config.getString("acta.persistence.store"));
      return new NodeRuntime(system, registered, devServer);
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  private static void awaitUp(ActorSystem<Void> system, Duration timeout) {
    CompletableFuture<Void> up = new CompletableFuture<>();
    ActorRef<ClusterEvent.MemberUp> watcher =
        system.systemActorOf(
            Behaviors.receive(ClusterEvent.MemberUp.class)
                .onMessage(
                    ClusterEvent.MemberUp.class,
                    event -> {
                      if (event.member().equals(Cluster.get(system).selfMember())
                          || event
                              .member()
                              .uniqueAddress()
                              .equals(Cluster.get(system).selfMember().uniqueAddress())) {
                        up.complete(null);
                        return Behaviors.stopped();
                      }
                      return Behaviors.same();
                    })
                .build(),
            "acta-await-up",
            Props.empty());
    Cluster.get(system)
        .subscriptions()
        .tell(Subscribe.create(watcher, ClusterEvent.MemberUp.class));
    if (Cluster.get(system).selfMember().status() == MemberStatus.up()) up.complete(null);
    try {
      up.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "node did not become an Up cluster member within "
              + timeout
              + "; check acta.node.seed-nodes and that the seed nodes are reachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  @SuppressWarnings("unchecked")
  public <C extends ReplyType<?>> EntityRef<C> entityRef(EntityType<C, ?, ?> type, String id) {
    Registered r = types.get(type.name());
    if (r == null || r.type() != type && !r.type().classes().equals(type.classes())) {
      throw new IllegalArgumentException(
          "entity type '"
              + type.name()
              + "' is not registered on this node; registered: "
              + types.keySet());
    }
    return (EntityRef<C>) ref(r, id);
  }

  public EntityRef<ReplyType<?>> entityRef(String typeName, String id) {
    Registered r = types.get(typeName);
    if (r == null) {
      throw new IllegalArgumentException(
          "unknown entity type '" + typeName + "'; registered: " + types.keySet());
    }
    return ref(r, id);
  }

  private <C extends ReplyType<?>> EntityRef<C> ref(Registered r, String id) {
    checkId(r.type().name(), id);
    var pekkoRef = ClusterSharding.get(system).entityRefFor(r.key(), id);
    return new ShardedEntityRef<>(
        r.type(), id, pekkoRef, r.settings().askTimeout(), ignore, r.metrics());
  }

  private void checkId(String typeName, String id) {
    if (id == null || id.isEmpty())
      throw new IllegalArgumentException("an entity id of '" + typeName + "' must not be empty");
    if (id.length() > maxIdLength) {
      throw new IllegalArgumentException(
          "entity id of '"
              + typeName
              + "' is "
              + id.length()
              + " characters long; at most "
              + maxIdLength
              + " are allowed (acta.node.max-entity-id-length)");
    }
    for (int i = 0; i < id.length(); i++) {
      if (Character.isISOControl(id.charAt(i))) {
        throw new IllegalArgumentException(
            "entity id of '" + typeName + "' must not contain control characters");
      }
    }
  }

  public Optional<EntityType<?, ?, ?>> entityType(String name) {
    return Optional.ofNullable(types.get(name)).map(Registered::type);
  }

  /** The settings the type runs with: its code's, overridden by the configuration. */
  public Optional<EntitySettings> entitySettings(String name) {
    return Optional.ofNullable(types.get(name)).map(Registered::settings);
  }

  public Set<String> entityTypeNames() {
    return types.keySet();
  }

  public Set<NodeRole> roles() {
    return roles.roles();
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /**
   * Runs {@code stopServing} before the node leaves the cluster and {@code close} once it has left
   * and handed its shards off, however the shutdown comes: {@code ActaNode.close()}, SIGTERM
   * (Pekko's JVM shutdown hook), or the node being downed. Each runs off the actor system's
   * threads, bounded by its Pekko phase's timeout ({@code pekko.coordinated-shutdown.phases}); the
   * whole by {@link #whenStopped}'s bound.
   */
  public void onShutdown(Runnable stopServing, Runnable close) {
    var shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeServiceUnbind(),
        "acta-stop-deadline",
        () -> {
          stop.began();
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    shutdown.addTask(
        CoordinatedShutdown.PhaseServiceUnbind(),
        "acta-stop-serving",
        () ->
            CompletableFuture.runAsync(stopServing, shutdownThread("acta-stop-serving"))
                .thenApply(
                    v -> {
                      stop.servingStopped();
                      return Done.getInstance();
                    }));
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "acta-close-extensions",
        () ->
            CompletableFuture.runAsync(close, shutdownThread("acta-close-extensions"))
                .thenApply(
                    v -> {
                      stop.extensionsClosed();
                      return Done.getInstance();
                    }));
  }

  /**
   * Completes once the node has stopped: its actor system terminated, or its shutdown ran past the
   * coordinated shutdown's total timeout and a margin (logged as an error; see {@link NodeStop}).
   */
  public CompletionStage<Void> whenStopped() {
    return stop.stopped();
  }

  private static Executor shutdownThread(String name) {
    return task -> Thread.ofPlatform().name(name).daemon().start(task);
  }

  public void shutdown() {
    system.terminate();
    try {
      stop.await();
    } catch (Exception e) {
      log.warn("Node {} did not stop within {}", system.address(), stop.bound(), e);
    }
    if (devServer != null) devServer.close();
  }
}
