package io.acta.testkit;

import io.acta.api.entity.EntityType;
import io.acta.api.entity.ReplyType;
import io.acta.runtime.ActaNode;
import io.acta.runtime.EntityRef;
import io.acta.runtime.spi.InMemoryData;
import io.acta.runtime.spi.Shards;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts a one-node Acta runtime on the in-memory journal and hands tests
 * what they need: the {@link ActaNode}, or an {@link EntityRef} for a fresh entity of the registered
 * type whose commands the parameter names.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ActaExtension acta = ActaExtension.with(Account.TYPE);
 *
 * @Test
 * void deposit(EntityRef<AccountCommand<?>> account) { ... }
 * }</pre>
 *
 * <p>Registered on a static field, one node serves the whole class; on an instance field, each test
 * gets its own. Every message is serialized even on one node, as it would be between nodes, and
 * {@link #restart()} stops the node and starts a new one on the same data.
 */
public final class ActaExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
    ParameterResolver {
  private static final AtomicInteger IDS = new AtomicInteger();

  private final List<EntityType<?, ?, ?>> types;
  private final String storeId = "acta-test-" + UUID.randomUUID();
  private final Clock clock;
  private final String extraConfig;
  private ActaNode node;
  private boolean perClass;

  private ActaExtension(List<EntityType<?, ?, ?>> types, Clock clock, String extraConfig) {
    this.types = types;
    this.clock = clock;
    this.extraConfig = extraConfig;
  }

  /** An extension whose node registers these entity types. */
  public static ActaExtension with(EntityType<?, ?, ?>... types) {
    return new ActaExtension(List.of(types), Clock.systemUTC(), "");
  }

  /** This extension with another clock for idempotency windows. */
  public ActaExtension withClock(Clock clock) {
    return new ActaExtension(types, Objects.requireNonNull(clock), extraConfig);
  }

  /** This extension with configuration (HOCON) that wins over the defaults. */
  public ActaExtension withConfig(String hocon) {
    return new ActaExtension(types, clock, extraConfig + "\n" + hocon);
  }

  /**
   * This extension with its node on a real Cassandra at {@code contactPoint} instead of the in-memory
   * store; the keyspaces and tables are created when missing.
   */
  public ActaExtension withCassandra(java.net.InetSocketAddress contactPoint) {
    return withConfig("acta.persistence.store = cassandra\n"
        + "acta.persistence.cassandra.contact-points = [\"" + contactPoint.getHostString() + ":" + contactPoint.getPort() + "\"]\n"
        + "acta.persistence.cassandra.create-schema = on");
  }

  /** The running node. */
  public ActaNode node() {
    if (node == null) throw new IllegalStateException("the Acta node is not running: is the extension registered?");
    return node;
  }

  /** A handle on entity {@code id} of {@code type} on the running node. */
  public <C extends ReplyType<?>> EntityRef<C> entity(EntityType<C, ?, ?> type, String id) {
    return node().entity(type, id);
  }

  /** The in-memory store behind the node (when it uses that store), to look at what was persisted. */
  public InMemoryData store() {
    return InMemoryData.of(storeId);
  }

  /**
   * Waits until the entity behind {@code ref} is passivated (stopped for being idle), polling the
   * shard region's state; fails after {@code timeout}.
   */
  public void awaitPassivated(EntityRef<?> ref, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean alive = Shards.runningEntities(node(), ref.entityType(), Duration.ofSeconds(3))
          .toCompletableFuture().join().contains(ref.entityId());
      if (!alive) return;
      Thread.onSpinWait();
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    throw new AssertionError(ref + " was not passivated within " + timeout);
  }

  /**
   * Stops the node and starts a new one on the same data, as a process restart would. Entity refs
   * taken before are stale: take new ones.
   */
  public ActaNode restart() {
    stop();
    return start();
  }

  private ActaNode start() {
    node = ActaNode.builder("acta-test")
        .entity(types.toArray(EntityType[]::new))
        .store("in-memory")
        .config("acta.persistence.in-memory.store-id = \"" + storeId + "\"")
        .config("pekko.actor.serialize-messages = on")
        .config(extraConfig)
        .clock(clock)
        .start();
    return node;
  }

  private void stop() {
    if (node != null) {
      node.close();
      node = null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
    InMemoryData.of(storeId).drop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
      InMemoryData.of(storeId).drop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    Class<?> t = p.getParameter().getType();
    return t == ActaNode.class || t == EntityRef.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    if (p.getParameter().getType() == ActaNode.class) return node();
    EntityType<?, ?, ?> type = typeFor(p.getParameter().getParameterizedType());
    String id = e.getRequiredTestMethod().getName() + "-" + IDS.incrementAndGet();
    return node().entity(type.name(), id);
  }

  /** The registered type whose command type is the parameter's {@code EntityRef<Command>} argument. */
  private EntityType<?, ?, ?> typeFor(Type parameterType) {
    var candidates = new ArrayList<EntityType<?, ?, ?>>();
    if (parameterType instanceof ParameterizedType pt) {
      Type arg = pt.getActualTypeArguments()[0];
      Class<?> raw = arg instanceof ParameterizedType a ? (Class<?>) a.getRawType() : arg instanceof Class<?> c ? c : null;
      for (var t : types) if (t.classes().commandType() == raw) candidates.add(t);
    }
    if (candidates.isEmpty() && types.size() == 1) return types.get(0);
    if (candidates.size() != 1) {
      throw new ParameterResolutionException("cannot tell which entity type " + parameterType
          + " refers to: declare it as EntityRef<YourCommand<?>> with one of " + types);
    }
    return candidates.get(0);
  }
}
