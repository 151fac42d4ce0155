package io.acta.runtime.internal.memory;

import com.typesafe.config.Config;
import io.acta.runtime.spi.Codec;
import io.acta.runtime.spi.IdempotencyKeys;
import io.acta.runtime.spi.StoreProvider;
import io.acta.runtime.spi.ViewStorage;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * {@code acta.persistence.store = in-memory}: journals and snapshots in this JVM, for unit tests.
 */
public final class InMemoryStoreProvider implements StoreProvider {
  public static final String NAME = "in-memory";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> pekkoSettings(Config config) {
    return Map.of(
        "pekko.persistence.journal.plugin", "acta.persistence.in-memory.journal",
        "pekko.persistence.snapshot-store.plugin", "acta.persistence.in-memory.snapshot-store");
  }

  @Override
  public IdempotencyKeys idempotencyKeys(ActorSystem<?> system) {
    return new InMemoryIdempotencyKeys(
        InMemoryStore.get(
            system.settings().config().getString("acta.persistence.in-memory.store-id")));
  }

  @Override
  public ViewStorage openViews(ActorSystem<?> system, Codec codec) {
    throw new IllegalStateException(
        "views are kept in Cassandra: set acta.persistence.store = cassandra"
            + " (ViewTestKit tests a view without a store)");
  }
}
