package io.acta.runtime.internal.views;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * A bounded map that forgets its least recently used entries: what one slice's projection keeps of
 * the rows and progress it wrote last. Safe to use from the threads a group's writes complete on.
 */
final class Recent<K, V> {
  private final Map<K, V> entries;
  private volatile boolean forgotAny;

  Recent(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            boolean full = size() > capacity;
            if (full) forgotAny = true;
            return full;
          }
        };
  }

  /** Whether an entry was ever dropped to stay within capacity (not by {@link #remove}). */
  boolean forgotAny() {
    return forgotAny;
  }

  synchronized V get(K key) {
    return entries.get(key);
  }

  synchronized void put(K key, V value) {
    entries.put(key, value);
  }

  /** Puts {@code value}, or what {@code merge} makes of it and the value there. */
  synchronized void merge(K key, V value, BinaryOperator<V> merge) {
    entries.merge(key, value, merge);
  }

  synchronized void remove(K key) {
    entries.remove(key);
  }

  synchronized boolean contains(K key) {
    return entries.containsKey(key);
  }
}
