package io.acta.testkit;

import io.acta.api.entity.EntityType;
import io.acta.api.entity.ReplyType;
import io.acta.runtime.ActaNode;
import io.acta.runtime.EntityRef;
import io.acta.runtime.NodeExtension;
import io.acta.runtime.spi.InMemoryData;
import io.acta.runtime.spi.Shards;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts a one-node Acta runtime on the in-memory journal and hands tests
 * what they need: the {@link ActaNode}, an {@link EntityRef} for a fresh entity of the registered
 * type whose commands the parameter names, or one of the node's extensions by its type.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ActaExtension acta = ActaExtension.with(Account.TYPE)
 *     .withExtension(() -> Projections.of(LedgerViews.BALANCES));
 *
 * @Test
 * void deposit(EntityRef<AccountCommand<?>> account, Projections views) { ... }
 * }</pre>
 *
 * <p>Registered on a static field, one node serves the whole class (and its {@code @Nested}
 * classes); on an instance field, each test gets its own. Every message is serialized even on one
 * node, as it would be between nodes, and {@link #restart()} stops the node and starts a new one on
 * the same data. The running node is kept in JUnit's {@link ExtensionContext.Store} of the class or
 * the test it serves, which closes it, and drops its in-memory data, when that class or test ends.
 */
public final class ActaExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final Namespace NAMESPACE = Namespace.create(ActaExtension.class);

  private final List<EntityType<?, ?, ?>> types;
  private final Clock clock;
  private final String extraConfig;
  private final List<Supplier<? extends NodeExtension>> extensions;

  /**
   * The node of the class or test running now, for {@link #node()} and the other methods a test
   * calls without an {@link ExtensionContext}; its store owns and closes it.
   */
  private volatile Running current;

  private ActaExtension(
      List<EntityType<?, ?, ?>> types,
      Clock clock,
      String extraConfig,
      List<Supplier<? extends NodeExtension>> extensions) {
    this.types = types;
    this.clock = clock;
    this.extraConfig = extraConfig;
    this.extensions = extensions;
  }

  /** An extension whose node registers these entity types. */
  public static ActaExtension with(EntityType<?, ?, ?>... types) {
    return new ActaExtension(List.of(types), Clock.systemUTC(), "", List.of());
  }

  /** This extension with another clock for idempotency windows. */
  public ActaExtension withClock(Clock clock) {
    return new ActaExtension(types, Objects.requireNonNull(clock), extraConfig, extensions);
  }

  /** This extension with configuration (HOCON) that wins over the defaults. */
  public ActaExtension withConfig(String hocon) {
    return new ActaExtension(types, clock, extraConfig + "\n" + hocon, extensions);
  }

  /**
   * This extension with its node also running a node extension, such as {@code Projections} for
   * views or {@code HttpApi}: {@code extension} is called for each start of a node, {@link
   * #restart()} included, since an extension runs with one node only. Tests can take the running
   * instance as a parameter of its type.
   */
  public ActaExtension withExtension(Supplier<? extends NodeExtension> extension) {
    var all = new ArrayList<Supplier<? extends NodeExtension>>(extensions);
    all.add(Objects.requireNonNull(extension, "extension"));
    return new ActaExtension(types, clock, extraConfig, List.copyOf(all));
  }

  /**
   * This extension with its node on a real Cassandra at {@code contactPoint} instead of the
   * in-memory store; the keyspaces and tables are created when missing.
   */
  public ActaExtension withCassandra(InetSocketAddress contactPoint) {
    return withConfig(
        "acta.persistence.store = cassandra\n"
            + "acta.persistence.cassandra.contact-points = [\""
            + contactPoint.getHostString()
            + ":"
            + contactPoint.getPort()
            + "\"]\n"
            + "acta.persistence.cassandra.create-schema = on");
  }

  /**
   * As {@link #withCassandra(InetSocketAddress)}, in {@code keyspace} and {@code
   * keyspace_snapshot}: tests that need a journal of their own each name their own.
   */
  public ActaExtension withCassandra(InetSocketAddress contactPoint, String keyspace) {
    return withCassandra(contactPoint)
        .withConfig(
            "acta.persistence.cassandra { keyspace = "
                + keyspace
                + ", snapshot-keyspace = "
                + keyspace
                + "_snapshot }");
  }

  /** The running node. */
  public ActaNode node() {
    return running().node;
  }

  /** A handle on entity {@code id} of {@code type} on the running node. */
  public <C extends ReplyType<?>> EntityRef<C> entity(EntityType<C, ?, ?> type, String id) {
    return node().entity(type, id);
  }

  /** The running node's extension of this type, as {@link ActaNode#extension} finds it. */
  public <T extends NodeExtension> T extension(Class<T> type) {
    return node().extension(type);
  }

  /**
   * The in-memory store behind the node (when it uses that store), to look at what was persisted.
   */
  public InMemoryData store() {
    return InMemoryData.of(running().storeId);
  }

  /**
   * Waits until the entity behind {@code ref} is passivated (stopped for being idle), polling the
   * shard region's state; fails after {@code timeout}.
   */
  public void awaitPassivated(EntityRef<?> ref, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean alive =
          Shards.runningEntities(node(), ref.entityType(), Duration.ofSeconds(3))
              .toCompletableFuture()
              .join()
              .contains(ref.entityId());
      if (!alive) return;
      Thread.onSpinWait();
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    throw new AssertionError(ref + " was not passivated within " + timeout);
  }

  /**
   * Stops the node and starts a new one on the same data, as a process restart would, with new
   * instances of the node extensions. Entity refs and extensions taken before are stale: take new
   * ones.
   */
  public ActaNode restart() {
    Running r = running();
    r.stop();
    r.start();
    return r.node;
  }

  private Running running() {
    Running r = current;
    if (r == null || r.node == null) {
      throw new IllegalStateException("the Acta node is not running: is the extension registered?");
    }
    return r;
  }

  /**
   * The node serving {@code context}: its own, or that of an enclosing class; {@code null} for
   * none.
   */
  private Running runningFor(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(this, Running.class);
  }

  private void startFor(ExtensionContext context) {
    if (runningFor(context) != null)
      return; // a static extension's node serves the @Nested classes too
    Running r = new Running();
    context.getStore(NAMESPACE).put(this, r);
    r.start();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startFor(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    startFor(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    Class<?> t = p.getParameter().getType();
    if (t == ActaNode.class || t == EntityRef.class) return true;
    Running r = runningFor(e);
    return NodeExtension.class.isAssignableFrom(t)
        && r != null
        && r.node != null
        && r.extensions.stream().anyMatch(t::isInstance);
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    Class<?> t = p.getParameter().getType();
    Running r = runningFor(e);
    if (r == null || r.node == null) {
      throw new ParameterResolutionException(
          "the Acta node is not running: is the extension registered?");
    }
    if (t == ActaNode.class) return r.node;
    if (t == EntityRef.class) {
      EntityType<?, ?, ?> type = typeFor(p.getParameter().getParameterizedType());
      String id = e.getRequiredTestMethod().getName() + "-" + IDS.incrementAndGet();
      return r.node.entity(type.name(), id);
    }
    List<NodeExtension> matching = r.extensions.stream().filter(t::isInstance).toList();
    if (matching.size() != 1) {
      throw new ParameterResolutionException(
          "the node runs "
              + matching.size()
              + " extensions of type "
              + t.getSimpleName()
              + ": declare the parameter with a type only one of them has");
    }
    return matching.get(0);
  }

  /**
   * The registered type whose command type is the parameter's {@code EntityRef<Command>} argument.
   */
  private EntityType<?, ?, ?> typeFor(Type parameterType) {
    var candidates = new ArrayList<EntityType<?, ?, ?>>();
    if (parameterType instanceof ParameterizedType pt) {
      Type arg = pt.getActualTypeArguments()[0];
      Class<?> raw =
          arg instanceof ParameterizedType a
              ? (Class<?>) a.getRawType()
              : arg instanceof Class<?> c ? c : null;
      for (var t : types) if (t.classes().commandType() == raw) candidates.add(t);
    }
    if (candidates.isEmpty() && types.size() == 1) return types.get(0);
    if (candidates.size() != 1) {
      throw new ParameterResolutionException(
          "cannot tell which entity type "
              + parameterType
              + " refers to: declare it as EntityRef<YourCommand<?>> with one of "
              + types);
    }
    return candidates.get(0);
  }

  /**
   * A node with its data, for one class or one test: started by the callbacks, closed by JUnit with
   * the store that holds it, its in-memory data dropped then.
   */
  private final class Running implements AutoCloseable {
    private final String storeId = "acta-test-" + UUID.randomUUID();
    private volatile ActaNode node;
    private volatile List<NodeExtension> extensions = List.of();

    void start() {
      List<NodeExtension> fresh = new ArrayList<>();
      for (var supplier : ActaExtension.this.extensions) {
        fresh.add(
            Objects.requireNonNull(
                supplier.get(), "an extension supplier of ActaExtension returned null"));
      }
      ActaNode.Builder builder =
          ActaNode.builder("acta-test")
              .entity(types.toArray(EntityType[]::new))
              .store("in-memory")
              .config("acta.persistence.in-memory.store-id = \"" + storeId + "\"")
              .config("pekko.actor.serialize-messages = on")
              .config(extraConfig)
              .clock(clock)
              // The node's metrics count, for tests to read (a composite registry alone counts
              // nothing).
              .meterRegistry(new SimpleMeterRegistry());
      fresh.forEach(builder::with);
      node = builder.start();
      extensions = List.copyOf(fresh);
      current = this;
    }

    void stop() {
      ActaNode running = node;
      if (running != null) {
        node = null;
        extensions = List.of();
        running.close();
      }
    }

    @Override
    public void close() {
      try {
        stop();
      } finally {
        InMemoryData.of(storeId).drop();
        if (current == this) current = null;
      }
    }
  }
}
