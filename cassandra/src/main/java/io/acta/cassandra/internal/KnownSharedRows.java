package io.acta.cassandra.internal;

import io.acta.runtime.spi.WriterMarks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared rows this node wrote last, as it wrote them: the row, its version and the marks of the
 * writers that wrote it from here. A writer whose marks are known writes the row again without
 * reading it first; the write's condition on the version finds out if anyone wrote it since (then
 * the row is read as before). Bounded: past {@link #CAPACITY} rows the least recently used are
 * forgotten and read again when next written.
 */
final class KnownSharedRows {
  /**
   * How many rows are remembered. Shared rows are the few rows many entities fold into (totals per
   * currency, counts per region): far fewer than this in the views they are made for.
   */
  static final int CAPACITY = 10_000;

  /** A row as this node wrote it last. */
  record Known(Object row, long version, Map<String, WriterMarks> marksByEntry) {
    Known {
      marksByEntry = Map.copyOf(marksByEntry);
    }
  }

  private final Map<String, Known> rows =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
          return size() > CAPACITY;
        }
      };

  synchronized Known get(String view, String key) {
    return rows.get(id(view, key));
  }

  synchronized void put(String view, String key, Known known) {
    rows.put(id(view, key), known);
  }

  /** Forgets the row: its next write reads it first. */
  synchronized void forget(String view, String key) {
    rows.remove(id(view, key));
  }

  private static String id(String view, String key) {
    return view + '\n' + key;
  }
}
