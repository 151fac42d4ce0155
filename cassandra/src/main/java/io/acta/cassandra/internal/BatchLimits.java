package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How large the unlogged batches of {@link RowWriteBatches} may grow: as many partitions as the
 * server takes without a warning ({@code unlogged_batch_across_partitions_warn_threshold}) and
 * three fifths of its size warning ({@code batch_size_warn_threshold}; a batch estimated at 4 KiB
 * from its values measured 5.4 KiB on the server), read from the server's own settings ({@code
 * system_views.settings}, Cassandra 4.0 and later) when the views connect. A server that does not
 * tell gets the stock thresholds (10 partitions, 5 KiB). So the server's log stays quiet, and an
 * operator who raises the thresholds (the embedded server allows 64 KiB and 32 partitions) gets
 * fewer, larger requests: what views cost the server followed the number of requests, not the rows'
 * size (BENCHMARKS.md, thirteenth step).
 *
 * @param partitions the most partitions (rows) in one batch
 * @param bytes about how many bytes one batch may hold, counted as {@link RowWriteBatches} does
 */
record BatchLimits(int partitions, int bytes) {
  private static final Logger log = LoggerFactory.getLogger(BatchLimits.class);

  private static final int STOCK_PARTITIONS = 10;
  private static final long STOCK_BYTES = 5 * 1024;

  /** For a stock server's warnings: 10 partitions, 5 KiB. */
  static final BatchLimits STOCK = fromThresholds(STOCK_PARTITIONS, STOCK_BYTES);

  private static final String SIZE = "batch_size_warn_threshold";
  private static final String SIZE_BEFORE_4_1 = "batch_size_warn_threshold_in_kb";
  private static final String PARTITIONS = "unlogged_batch_across_partitions_warn_threshold";

  /** A size as Cassandra's settings show it: {@code 5KiB}, {@code 64KiB}, {@code 1MiB}, bytes. */
  private static final Pattern SIZE_VALUE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB)?");

  static BatchLimits fromThresholds(int partitions, long sizeWarnBytes) {
    long bytes = Math.min(Integer.MAX_VALUE, Math.max(1, sizeWarnBytes * 3 / 5));
    return new BatchLimits(Math.max(1, partitions), (int) bytes);
  }

  /**
   * The limits the server {@code session} is connected to sets; {@link #STOCK} where it does not
   * say (no virtual tables, a value that does not parse).
   */
  static BatchLimits of(CqlSession session) {
    Map<String, String> settings = new HashMap<>();
    try {
      for (Row r :
          session.execute(
              "SELECT name, value FROM system_views.settings WHERE name IN ?",
              List.of(SIZE, SIZE_BEFORE_4_1, PARTITIONS))) {
        if (r.getString("value") != null) settings.put(r.getString("name"), r.getString("value"));
      }
    } catch (RuntimeException e) {
      log.info(
          "The Cassandra server does not show its batch thresholds ({}): view rows go in batches"
              + " of at most {} rows, {} bytes",
          e.getMessage(),
          STOCK.partitions(),
          STOCK.bytes());
      return STOCK;
    }
    BatchLimits limits = from(settings);
    log.info(
        "View rows go in batches of at most {} rows, about {} bytes (the server's batch warnings"
            + " are {} partitions, {})",
        limits.partitions(),
        limits.bytes(),
        settings.getOrDefault(PARTITIONS, "not shown"),
        settings.containsKey(SIZE)
            ? settings.get(SIZE)
            : settings.containsKey(SIZE_BEFORE_4_1)
                ? settings.get(SIZE_BEFORE_4_1) + " KiB"
                : "not shown");
    return limits;
  }

  /** The limits from the server's settings by name; stock values for those missing. */
  static BatchLimits from(Map<String, String> settings) {
    OptionalLong sizeBytes = bytes(settings.get(SIZE), "B");
    if (sizeBytes.isEmpty()) sizeBytes = bytes(settings.get(SIZE_BEFORE_4_1), "KiB");
    OptionalLong partitions = count(settings.get(PARTITIONS));
    return fromThresholds(
        (int) Math.min(Integer.MAX_VALUE, partitions.orElse(STOCK_PARTITIONS)),
        sizeBytes.orElse(STOCK_BYTES));
  }

  /** {@code value} as a count. Empty if absent or unreadable. */
  private static OptionalLong count(String value) {
    if (value == null) return OptionalLong.empty();
    try {
      return OptionalLong.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** {@code value} in bytes; a bare number is in {@code unit}. Empty if absent or unreadable. */
  private static OptionalLong bytes(String value, String unit) {
    if (value == null) return OptionalLong.empty();
    Matcher m = SIZE_VALUE.matcher(value.trim());
    if (!m.matches()) return OptionalLong.empty();
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
    String u = m.group(2) == null ? unit : m.group(2);
    long factor =
        switch (u.toUpperCase(Locale.ROOT)) {
          case "KIB" -> 1024L;
          case "MIB" -> 1024L * 1024;
          default -> 1L;
        };
    return n > Long.MAX_VALUE / factor ? OptionalLong.empty() : OptionalLong.of(n * factor);
  }
}
