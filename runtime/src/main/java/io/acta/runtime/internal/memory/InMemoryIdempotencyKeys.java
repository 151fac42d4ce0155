package io.acta.runtime.internal.memory;

import io.acta.runtime.spi.IdempotencyKeys;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The in-memory store's key index: a map beside its journal, so that it survives an actor system's
 * restart as the journal does. Expiry runs on the JVM's monotonic clock (a test's own clock moves
 * the entity's window, which the runtime checks on every record it finds); expired notes are
 * dropped as new ones come in.
 */
final class InMemoryIdempotencyKeys implements IdempotencyKeys {
  private final InMemoryStore store;

  InMemoryIdempotencyKeys(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public CompletionStage<OptionalLong> find(String persistenceId, String key) {
    InMemoryStore.NotedKey noted = store.idempotencyKeys.get(id(persistenceId, key));
    boolean live = noted != null && noted.expiresAtNanos() - System.nanoTime() > 0;
    return CompletableFuture.completedFuture(
        live ? OptionalLong.of(noted.sequenceNr()) : OptionalLong.empty());
  }

  @Override
  public CompletionStage<Void> note(
      String persistenceId, String key, long sequenceNr, Duration timeToLive) {
    long now = System.nanoTime();
    // An occasional sweep keeps a long test's map bounded by the keys of one window.
    if (store.idempotencyKeys.size() % 1024 == 1023) {
      store.idempotencyKeys.values().removeIf(k -> k.expiresAtNanos() - now <= 0);
    }
    store.idempotencyKeys.put(
        id(persistenceId, key), new InMemoryStore.NotedKey(sequenceNr, now + timeToLive.toNanos()));
    return CompletableFuture.completedFuture(null);
  }

  private static InMemoryStore.KeyId id(String persistenceId, String key) {
    return new InMemoryStore.KeyId(persistenceId, key);
  }
}
