package io.acta.persistence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data of the in-memory journal and snapshot store, held per store id for the life of the JVM, so
 * that unit tests can stop an actor system and start another on the same data ("a restart"). Payloads
 * are kept serialized, so everything written goes through the real serializer and back.
 */
public final class InMemoryStore {
  private static final Map<String, InMemoryStore> STORES = new ConcurrentHashMap<>();

  /** One serialized payload. */
  public record Serialized(int serializerId, String manifest, byte[] bytes) {
    /** {@code payload} as its bound serializer writes it. */
    public static Serialized of(org.apache.pekko.serialization.Serialization serialization, Object payload) {
      var serializer = serialization.findSerializerFor(payload);
      return new Serialized(serializer.identifier(),
          org.apache.pekko.serialization.Serializers.manifestFor(serializer, payload), serializer.toBinary(payload));
    }

    /** The payload back, as its serializer reads it. */
    public Object read(org.apache.pekko.serialization.Serialization serialization) {
      return serialization.deserialize(bytes, serializerId, manifest).get();
    }
  }

  /** One stored event, with the tags it was written with. */
  public record StoredEvent(long sequenceNr, Serialized payload, String writerUuid, String adapterManifest, long timestamp,
                            java.util.Set<String> tags) {}

  /** One stored snapshot. */
  public record StoredSnapshot(long sequenceNr, long timestamp, Serialized payload) {}

  final Map<String, TreeMap<Long, StoredEvent>> events = new ConcurrentHashMap<>();
  final Map<String, Long> highestDeleted = new ConcurrentHashMap<>();
  final Map<String, TreeMap<Long, StoredSnapshot>> snapshots = new ConcurrentHashMap<>();

  /** The store of this id, created on first use. */
  public static InMemoryStore get(String storeId) {
    return STORES.computeIfAbsent(storeId, id -> new InMemoryStore());
  }

  /** Forgets a store's data. */
  public static void drop(String storeId) {
    STORES.remove(storeId);
  }

  /** How many events are stored for a persistence id. */
  public int eventCount(String persistenceId) {
    var m = events.get(persistenceId);
    if (m == null) return 0;
    synchronized (m) {
      return m.size();
    }
  }

  /** How many snapshots are stored for a persistence id. */
  public int snapshotCount(String persistenceId) {
    var m = snapshots.get(persistenceId);
    if (m == null) return 0;
    synchronized (m) {
      return m.size();
    }
  }

  /** Stores an event as it was serialized elsewhere (for fixtures of old payloads). */
  public void append(String persistenceId, StoredEvent event) {
    var m = eventsOf(persistenceId);
    synchronized (m) {
      m.put(event.sequenceNr(), event);
    }
  }

  /** Forgets every snapshot, so that the next recovery replays all events. */
  public void dropSnapshots() {
    snapshots.clear();
  }

  /** The persistence ids with any event. */
  public List<String> persistenceIds() {
    return new ArrayList<>(events.keySet());
  }

  TreeMap<Long, StoredEvent> eventsOf(String persistenceId) {
    return events.computeIfAbsent(persistenceId, p -> new TreeMap<>());
  }

  TreeMap<Long, StoredSnapshot> snapshotsOf(String persistenceId) {
    return snapshots.computeIfAbsent(persistenceId, p -> new TreeMap<>());
  }
}
