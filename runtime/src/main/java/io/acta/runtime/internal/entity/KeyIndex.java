package io.acta.runtime.internal.entity;

import io.acta.runtime.internal.StoreSettings;
import io.acta.runtime.internal.memory.InMemoryStore;
import io.acta.runtime.internal.memory.InMemoryStoreProvider;
import io.acta.runtime.spi.IdempotencyKeys;
import io.acta.runtime.spi.StoreProvider;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * A node's view of its store's idempotency keys: the store's {@link IdempotencyKeys} index, and the
 * journal read that verifies what the index claims. One per actor system, shared by every entity of
 * the node.
 */
public final class KeyIndex implements Extension {
  private static final Id ID = new Id();

  private final ActorSystem<?> system;
  private final IdempotencyKeys keys;
  private final Optional<String> readJournalId;
  private final boolean inMemory;

  private KeyIndex(ActorSystem<?> system) {
    this.system = system;
    StoreProvider store = StoreSettings.store(system.settings().config());
    this.keys = store.idempotencyKeys(system);
    this.readJournalId = store.readJournalId();
    this.inMemory = store.name().equals(InMemoryStoreProvider.NAME);
    if (readJournalId.isEmpty() && !inMemory) {
      throw new IllegalStateException(
          "store \""
              + store.name()
              + "\" has no query journal, which idempotency keys need to verify their records");
    }
  }

  /** The index of {@code system}'s store. */
  public static KeyIndex get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /** Where the record of {@code key} was to be persisted, if the key was noted in its window. */
  CompletionStage<OptionalLong> find(String persistenceId, String key) {
    return keys.find(persistenceId, key);
  }

  /** Notes, before the persist, where the record of {@code key} will be. */
  CompletionStage<Void> note(String persistenceId, String key, long sequenceNr, Duration ttl) {
    return keys.note(persistenceId, key, sequenceNr, ttl);
  }

  /**
   * The idempotency record stored at {@code sequenceNr} of {@code persistenceId}; empty when the
   * journal holds something else there (the persist that was to store it failed) or nothing.
   */
  CompletionStage<Optional<IdempotencyRecorded>> recordAt(String persistenceId, long sequenceNr) {
    if (!inMemory) {
      return PersistenceQuery.get(system)
          .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournalId.get())
          .currentEventsByPersistenceId(persistenceId, sequenceNr, sequenceNr)
          .map(e -> e.event())
          .runWith(Sink.headOption(), system)
          .thenApply(KeyIndex::asRecord);
    }
    // The in-memory store has no query journal; its data is in this JVM.
    Serialization serialization = SerializationExtension.get(system);
    InMemoryStore memory =
        InMemoryStore.get(
            system.settings().config().getString("acta.persistence.in-memory.store-id"));
    try {
      return CompletableFuture.completedFuture(
          asRecord(
              memory.eventAt(persistenceId, sequenceNr).map(e -> e.payload().read(serialization))));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Optional<IdempotencyRecorded> asRecord(Optional<Object> entry) {
    return entry.filter(IdempotencyRecorded.class::isInstance).map(IdempotencyRecorded.class::cast);
  }

  private static final class Id extends ExtensionId<KeyIndex> {
    @Override
    public KeyIndex createExtension(ActorSystem<?> system) {
      return new KeyIndex(system);
    }
  }
}
