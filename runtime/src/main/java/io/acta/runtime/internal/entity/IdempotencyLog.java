package io.acta.runtime.internal.entity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;

/**
 * The newest idempotency keys of an entity, oldest first: a small cache, kept in the state and its
 * snapshots, that answers a quick retry without a read. Every key of the window, however many, is
 * in the store's key index ({@link KeyIndex}); this log only spares it a lookup. Immutable: a
 * snapshot may be serialized on another thread while the entity goes on.
 */
public final class IdempotencyLog {
  public static final IdempotencyLog EMPTY = new IdempotencyLog(new LinkedHashMap<>());

  private final LinkedHashMap<String, IdempotencyRecorded> entries;

  private IdempotencyLog(LinkedHashMap<String, IdempotencyRecorded> entries) {
    this.entries = entries;
  }

  public static IdempotencyLog of(Collection<IdempotencyRecorded> records) {
    var map = new LinkedHashMap<String, IdempotencyRecorded>();
    for (var r : records) map.put(r.key(), r);
    return new IdempotencyLog(map);
  }

  /** The record of {@code key} if it is still inside the window at {@code nowMillis}. */
  public IdempotencyRecorded find(String key, long nowMillis, Duration window) {
    IdempotencyRecorded r = entries.get(key);
    return r != null && nowMillis - r.atMillis() <= window.toMillis() ? r : null;
  }

  /**
   * This log with {@code record} added, dropping keys older than the window as of the record's own
   * time and the oldest keys beyond {@code cachedKeys}: deterministic, so recovery rebuilds the
   * same log.
   */
  public IdempotencyLog with(IdempotencyRecorded record, Duration window, int cachedKeys) {
    var next = new LinkedHashMap<String, IdempotencyRecorded>(entries);
    next.remove(record.key());
    next.put(record.key(), record);
    long oldest = record.atMillis() - window.toMillis();
    var it = next.values().iterator();
    while (it.hasNext()) {
      var r = it.next();
      if (r.atMillis() < oldest || next.size() > cachedKeys) it.remove();
      else break;
    }
    return new IdempotencyLog(next);
  }

  public Collection<IdempotencyRecorded> records() {
    return Collections.unmodifiableCollection(entries.values());
  }

  public int size() {
    return entries.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdempotencyLog other
        && new ArrayList<>(entries.values()).equals(new ArrayList<>(other.entries.values()));
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return "IdempotencyLog" + entries.keySet();
  }
}
