package io.acta.bench.axon;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * An unbounded aggregate cache that never forgets: the in-heap equivalent of the EhCache or JCache
 * a production Axon application configures. Axon's {@code InMemoryEventStorageEngine} reads an
 * aggregate's events by scanning every event of the store, so any cache miss (which Axon's own
 * {@code WeakReferenceCache} has after each GC) would measure that scan instead of Axon.
 */
final class StrongCache implements Cache {
  private final Map<Object, Object> entries = new ConcurrentHashMap<>();

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> V get(K key) {
    return (V) entries.get(key);
  }

  @Override
  public void put(Object key, Object value) {
    if (value == null) entries.remove(key);
    else entries.put(key, value);
  }

  @Override
  public boolean putIfAbsent(Object key, Object value) {
    return entries.putIfAbsent(key, value) == null;
  }

  @Override
  public boolean remove(Object key) {
    return entries.remove(key) != null;
  }

  @Override
  public boolean containsKey(Object key) {
    return entries.containsKey(key);
  }

  @Override
  public Registration registerCacheEntryListener(EntryListener listener) {
    return () -> true;
  }
}
