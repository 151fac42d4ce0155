package io.acta.runtime.spi;

import io.acta.runtime.internal.memory.InMemoryStore;
import io.acta.runtime.internal.serialization.ActaSerializer;
import java.util.Set;

/**
 * What the in-memory store ({@code acta.persistence.store = in-memory}) holds under one store id,
 * for test kits: counts to assert on, and old payloads to plant as fixtures. Data lives as long as
 * the JVM, so a test can restart a node on the same store id and find it again.
 */
public final class InMemoryData {
  private final String storeId;

  private InMemoryData(String storeId) {
    this.storeId = storeId;
  }

  /** The data of {@code storeId} ({@code acta.persistence.in-memory.store-id}). */
  public static InMemoryData of(String storeId) {
    return new InMemoryData(storeId);
  }

  /** How many events are stored for a persistence id. */
  public int eventCount(String persistenceId) {
    return InMemoryStore.get(storeId).eventCount(persistenceId);
  }

  /** How many snapshots are stored for a persistence id. */
  public int snapshotCount(String persistenceId) {
    return InMemoryStore.get(storeId).snapshotCount(persistenceId);
  }

  /**
   * Stores an event as an earlier version of a service wrote it: the JSON payload under its stored
   * {@code manifest} ({@code name@version}), read back through upcasters like any stored event.
   */
  public void appendEvent(String persistenceId, long sequenceNr, String manifest, byte[] json) {
    InMemoryStore.get(storeId)
        .append(
            persistenceId,
            new InMemoryStore.StoredEvent(
                sequenceNr,
                new InMemoryStore.Serialized(ActaSerializer.IDENTIFIER, manifest, json),
                "fixture",
                "",
                0L,
                Set.of()));
  }

  /** Forgets every snapshot, so that the next recovery replays all events. */
  public void dropSnapshots() {
    InMemoryStore.get(storeId).dropSnapshots();
  }

  /** Forgets everything stored under this id. */
  public void drop() {
    InMemoryStore.drop(storeId);
  }
}
