package io.acta.runtime.internal.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializers;

/**
 * The data of the in-memory journal and snapshot store, held per store id for the life of the JVM,
 * so that unit tests can stop an actor system and start another on the same data ("a restart").
 * Payloads are kept serialized, so everything written goes through the real serializer and back.
 */
public final class InMemoryStore {
  private static final Map<String, InMemoryStore> STORES = new ConcurrentHashMap<>();

  /** One serialized payload. */
  public record Serialized(int serializerId, String manifest, byte[] bytes) {
    /** {@code payload} as its bound serializer writes it. */
    public static Serialized of(Serialization serialization, Object payload) {
      var serializer = serialization.findSerializerFor(payload);
      return new Serialized(
          serializer.identifier(),
          Serializers.manifestFor(serializer, payload),
          serializer.toBinary(payload));
    }

    /** The payload back, as its serializer reads it. */
    public Object read(Serialization serialization) {
      return serialization.deserialize(bytes, serializerId, manifest).get();
    }
  }

  /** One stored event, with the tags it was written with. */
  public record StoredEvent(
      long sequenceNr,
      Serialized payload,
      String writerUuid,
      String adapterManifest,
      long timestamp,
      Set<String> tags) {}

  /** One stored snapshot. */
  public record StoredSnapshot(long sequenceNr, long timestamp, Serialized payload) {}

  /**
   * One persistence id's events in sequence-number order. The journal writes each id's events in
   * order, so a write is an append to an array list, and a replay finds its first event by binary
   * search. (A TreeMap here cost a tree descent and two allocations per event, in the one journal
   * actor every write goes through: the top method of the in-memory throughput profile; see
   * BENCHMARKS.md.) Callers synchronize on the log.
   */
  static final class EventLog {
    private final ArrayList<StoredEvent> events = new ArrayList<>();

    /**
     * Stores {@code e}: appended when it is the newest, as it is from the journal; else put in
     * place, replacing its sequence number's event.
     */
    void put(StoredEvent e) {
      int n = events.size();
      if (n == 0 || events.get(n - 1).sequenceNr() < e.sequenceNr()) {
        events.add(e);
        return;
      }
      int i = firstAtLeast(e.sequenceNr());
      if (i < n && events.get(i).sequenceNr() == e.sequenceNr()) events.set(i, e);
      else events.add(i, e);
    }

    /**
     * The events from {@code from} to {@code to} (both included), at most {@code max} of them,
     * oldest first.
     */
    List<StoredEvent> range(long from, long to, long max) {
      List<StoredEvent> out = new ArrayList<>();
      for (int i = firstAtLeast(from); i < events.size() && out.size() < max; i++) {
        StoredEvent e = events.get(i);
        if (e.sequenceNr() > to) break;
        out.add(e);
      }
      return out;
    }

    /** Forgets the events up to {@code to}, included. */
    void deleteTo(long to) {
      events.subList(0, firstAtLeast(to == Long.MAX_VALUE ? to : to + 1)).clear();
    }

    /** The highest sequence number held; 0 when none is. */
    long highest() {
      return events.isEmpty() ? 0 : events.get(events.size() - 1).sequenceNr();
    }

    int size() {
      return events.size();
    }

    /**
     * The index of the first event with a sequence number of at least {@code seq}; the size when
     * none has.
     */
    private int firstAtLeast(long seq) {
      int lo = 0;
      int hi = events.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (events.get(mid).sequenceNr() < seq) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
  }

  /** A noted idempotency key: where its record is to be, and until when the note counts. */
  record NotedKey(long sequenceNr, long expiresAtNanos) {}

  /** An idempotency key of one entity. */
  record KeyId(String persistenceId, String key) {}

  final Map<String, EventLog> events = new ConcurrentHashMap<>();
  final Map<KeyId, NotedKey> idempotencyKeys = new ConcurrentHashMap<>();
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
    var log = eventsOf(persistenceId);
    synchronized (log) {
      log.put(event);
    }
  }

  /** The event stored at {@code sequenceNr} of {@code persistenceId}, if there is one. */
  public Optional<StoredEvent> eventAt(String persistenceId, long sequenceNr) {
    var log = eventsOf(persistenceId);
    synchronized (log) {
      return log.range(sequenceNr, sequenceNr, 1).stream().findFirst();
    }
  }

  /** How many idempotency keys are noted and not yet expired. */
  public long notedKeys() {
    long now = System.nanoTime();
    return idempotencyKeys.values().stream().filter(k -> k.expiresAtNanos() - now > 0).count();
  }

  /** Forgets every snapshot, so that the next recovery replays all events. */
  public void dropSnapshots() {
    snapshots.clear();
  }

  EventLog eventsOf(String persistenceId) {
    return events.computeIfAbsent(persistenceId, p -> new EventLog());
  }

  TreeMap<Long, StoredSnapshot> snapshotsOf(String persistenceId) {
    return snapshots.computeIfAbsent(persistenceId, p -> new TreeMap<>());
  }
}
