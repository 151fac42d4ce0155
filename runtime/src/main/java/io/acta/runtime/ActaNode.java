package io.acta.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.api.EscapeHatch;
import io.acta.api.entity.EntitySettings;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.ReplyType;
import io.acta.api.process.ProcessOperations;
import io.acta.runtime.internal.JournalReader;
import io.acta.runtime.internal.JvmMeters;
import io.acta.runtime.internal.NodeRuntime;
import io.acta.runtime.internal.ProcessOperationService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.LoggerFactory;

/**
 * A running Acta node: a cluster member that hosts entities and routes commands to them, wherever
 * they run. Start one with {@link #builder(String)}; close it to leave the cluster and stop.
 *
 * <pre>{@code
 * try (ActaNode node = ActaNode.builder("ledger").entity(Account.TYPE).start()) {
 *   Balance b = node.entity(Account.TYPE, "acc-1").ask(new Deposit(100, "k1")).toCompletableFuture().join();
 * }
 * }</pre>
 */
public final class ActaNode implements AutoCloseable {
  private final NodeRuntime runtime;
  private final CompositeMeterRegistry meters;
  private final JvmMeters jvmMeters;

  /**
   * Every extension the node was built with, started or not: one can find another whatever the
   * order.
   */
  private final List<NodeExtension> registered;

  /** Started extensions; read by shutdown tasks on other threads. */
  private final List<NodeExtension> extensions = new CopyOnWriteArrayList<>();

  private ActaNode(
      NodeRuntime runtime, CompositeMeterRegistry meters, List<NodeExtension> registered) {
    this.runtime = runtime;
    this.meters = meters;
    this.registered = registered;
    this.jvmMeters = JvmMeters.bindTo(meters);
  }

  /**
   * The node's metrics (Micrometer): {@code acta.commands} per entity type and outcome, {@code
   * acta.events.persisted}, what extensions add, and the JVM's own (memory, GC, threads, classes,
   * CPU, file descriptors, uptime). Add a registry to publish them.
   */
  public CompositeMeterRegistry meters() {
    return meters;
  }

  /**
   * A builder for a node of the service {@code name} (the actor system's name: nodes of one cluster
   * share it).
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Operating the node's processes: those it hosts that cannot progress, and an operator's retry or
   * abandon of a process's step wherever in the cluster it runs.
   */
  public ProcessOperations processes() {
    return new ProcessOperationService(runtime);
  }

  /** A handle on entity {@code id} of {@code type}. */
  public <C extends ReplyType<?>> EntityRef<C> entity(EntityType<C, ?, ?> type, String id) {
    return runtime.entityRef(type, id);
  }

  /**
   * A handle on entity {@code id} of the type registered as {@code typeName}, for callers that only
   * know names (such as HTTP).
   *
   * @throws IllegalArgumentException when no such type is registered, or the id is empty or too
   *     long
   */
  public EntityRef<ReplyType<?>> entity(String typeName, String id) {
    return runtime.entityRef(typeName, id);
  }

  /** The registered entity type of this name, if any. */
  public Optional<EntityType<?, ?, ?>> entityType(String typeName) {
    return runtime.entityType(typeName);
  }

  /**
   * The settings the registered type of this name runs with: those of its code, overridden by any
   * key under {@code acta.entity-types.<name>} in the configuration.
   */
  public Optional<EntitySettings> entitySettings(String typeName) {
    return runtime.entitySettings(typeName);
  }

  /** The names of the registered entity types. */
  public Set<String> entityTypes() {
    return runtime.entityTypeNames();
  }

  /**
   * Up to {@code limit} events of entity {@code id} of the type named {@code typeName}, oldest
   * first from sequence number {@code from}, read back from the journal (the runtime's own records
   * left out).
   *
   * @throws IllegalStateException when the node's store cannot read journals back (the in-memory
   *     one)
   */
  public CompletionStage<List<JournalEvent>> events(
      String typeName, String id, long from, int limit) {
    return JournalReader.events(runtime.system(), typeName, id, from, limit);
  }

  /** What this node runs ({@code acta.node.roles}). */
  public Set<NodeRole> roles() {
    return runtime.roles();
  }

  /** Whether this node runs {@code role}. */
  public boolean hasRole(NodeRole role) {
    return runtime.roles().contains(role);
  }

  /** The effective configuration of this node. */
  public Config config() {
    return runtime.system().settings().config();
  }

  /** Escape hatch: the underlying Pekko actor system. Normal use never needs it. */
  @EscapeHatch("the actor system, for what Acta does not cover")
  public ActorSystem<Void> actorSystem() {
    return runtime.system();
  }

  /**
   * The extension of this class the node was built with. During start, extensions may find each
   * other whatever the order they were added in; one that was added after the caller may not have
   * started yet.
   */
  public <T extends NodeExtension> T extension(Class<T> type) {
    return registered.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("this node has no " + type.getSimpleName()));
  }

  /**
   * Leaves the cluster gracefully and stops: the extensions stop serving (HTTP finishes the
   * requests in flight), the node leaves, its shards and projections are handed off to the other
   * nodes, the extensions close, and the actor system terminates. Returns when all that is done.
   * SIGTERM takes the same path, through Pekko's JVM shutdown hook.
   */
  @Override
  public void close() {
    runtime.shutdown();
  }

  /**
   * Completes once this node has stopped, however it stopped: {@link #close()}, SIGTERM, or being
   * downed by its cluster (or by its pause fence). A service's {@code main} waits on it and then
   * exits, so that its supervisor starts a fresh node. Should the actor system not finish
   * terminating, the node counts as stopped once its shutdown has run for Pekko's coordinated
   * shutdown's total timeout and 10 s (an error in the log says what had not finished).
   */
  public CompletionStage<Void> whenStopped() {
    return runtime.whenStopped();
  }

  private void stopServing() {
    forEachExtensionInReverse("Stopping", NodeExtension::stopServing);
  }

  private void closeExtensions() {
    forEachExtensionInReverse("Closing", NodeExtension::close);
    jvmMeters.close();
  }

  private void forEachExtensionInReverse(String what, Consumer<NodeExtension> action) {
    List<NodeExtension> started = List.copyOf(extensions);
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        action.accept(started.get(i));
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(ActaNode.class).warn("{} {} failed", what, started.get(i), e);
      }
    }
  }

  /**
   * Builds and starts a node. Everything set here can also be set in configuration ({@code
   * acta.node.*}); a value set here wins.
   */
  public static final class Builder {
    private final String name;
    private final List<EntityType<?, ?, ?>> types = new ArrayList<>();
    private final List<NodeExtension> extensions = new ArrayList<>();
    private Config overrides = ConfigFactory.empty();
    private Clock clock = Clock.systemUTC();
    private final CompositeMeterRegistry meters = JvmMeters.newRegistry();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Registers entity types. */
    public Builder entity(EntityType<?, ?, ?>... entityTypes) {
      for (EntityType<?, ?, ?> type : entityTypes) {
        if (types.stream().anyMatch(t -> t.name().equals(type.name()))) {
          throw new IllegalArgumentException(
              "entity type '" + type.name() + "' is registered twice");
        }
        types.add(type);
      }
      return this;
    }

    /** Runs {@code extension} with the node: started once the node is up, in the order added. */
    public Builder with(NodeExtension extension) {
      extensions.add(Objects.requireNonNull(extension, "extension"));
      return this;
    }

    /**
     * Configuration that wins over {@code application.conf} and the modules' {@code
     * reference.conf}.
     */
    public Builder config(Config config) {
      this.overrides = config.withFallback(overrides);
      return this;
    }

    /** As {@link #config(Config)}, from HOCON text. */
    public Builder config(String hocon) {
      return config(ConfigFactory.parseString(hocon));
    }

    /** {@code acta.persistence.store}: {@code "in-memory"} or {@code "cassandra"}. */
    public Builder store(String store) {
      return config("acta.persistence.store = \"" + store + "\"");
    }

    /** {@code acta.node.hostname} and {@code acta.node.port}. */
    public Builder address(String hostname, int port) {
      return config(
          ConfigFactory.parseMap(Map.of("acta.node.hostname", hostname, "acta.node.port", port)));
    }

    /** {@code acta.node.seed-nodes}. */
    public Builder seedNodes(List<String> seedNodes) {
      return config(ConfigFactory.parseMap(Map.of("acta.node.seed-nodes", seedNodes)));
    }

    /** {@code acta.node.roles}: what this node runs (all roles unless set). */
    public Builder roles(NodeRole... roles) {
      return config(
          ConfigFactory.parseMap(
              Map.of("acta.node.roles", Arrays.stream(roles).map(NodeRole::configName).toList())));
    }

    /**
     * {@code acta.node.join = bootstrap}: find the cluster through Pekko Management Cluster
     * Bootstrap, with {@code discoveryMethod} ({@code acta.node.bootstrap.discovery-method}) and at
     * least {@code requiredContactPoints} nodes seen before a new cluster forms.
     */
    public Builder bootstrap(String discoveryMethod, int requiredContactPoints) {
      return config(
          ConfigFactory.parseMap(
              Map.of(
                  "acta.node.join",
                  "bootstrap",
                  "acta.node.bootstrap.discovery-method",
                  discoveryMethod,
                  "acta.node.bootstrap.required-contact-points",
                  requiredContactPoints)));
    }

    /** {@code acta.node.startup-timeout}. */
    public Builder startupTimeout(Duration timeout) {
      return config("acta.node.startup-timeout = " + timeout.toMillis() + "ms");
    }

    /** The clock of idempotency windows; tests may pass a fixed or offset clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Publishes the node's metrics to {@code registry} too (e.g. your application's registry). */
    public Builder meterRegistry(MeterRegistry registry) {
      meters.add(Objects.requireNonNull(registry, "registry"));
      return this;
    }

    /** Starts the node and waits until it is an Up member of its cluster. */
    public ActaNode start() {
      ActaNode node =
          new ActaNode(
              NodeRuntime.start(name, List.copyOf(types), overrides, clock, meters),
              meters,
              List.copyOf(extensions));
      node.runtime.onShutdown(node::stopServing, node::closeExtensions);
      try {
        for (NodeExtension extension : extensions) {
          extension.start(node);
          node.extensions.add(extension);
        }
      } catch (RuntimeException e) {
        node.close();
        throw e;
      }
      return node;
    }
  }
}
