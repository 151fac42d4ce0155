package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

/**
 * Counts the events of a slice written after a projection's stored offset, by reading the journal's
 * own events-by-tag table, so lag is measured on both sides rather than guessed.
 */
final class SliceLag {
  private static final DateTimeFormatter FIRST_BUCKET =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm").withZone(ZoneOffset.UTC);

  private final CqlSession session;
  private final PreparedStatement countAfter;
  private final PreparedStatement countAll;
  private final PreparedStatement oldest;
  private final long bucketMillis;
  private final long firstBucket;

  SliceLag(CqlSession session, String keyspace, String bucketSize, String firstTimeBucket) {
    this.session = session;
    this.countAfter =
        session.prepare(
            "SELECT COUNT(*) FROM "
                + keyspace
                + ".tag_views WHERE tag_name = ? AND timebucket = ? AND timestamp > ?");
    this.countAll =
        session.prepare(
            "SELECT COUNT(*) FROM "
                + keyspace
                + ".tag_views WHERE tag_name = ? AND timebucket = ?");
    this.oldest =
        session.prepare(
            "SELECT timestamp FROM "
                + keyspace
                + ".tag_views WHERE tag_name = ? AND timebucket = ? LIMIT 1");
    this.bucketMillis =
        switch (bucketSize) {
          case "Day" -> Duration.ofDays(1).toMillis();
          case "Hour" -> Duration.ofHours(1).toMillis();
          case "Minute" -> Duration.ofMinutes(1).toMillis();
          default -> throw new IllegalArgumentException("unknown bucket size " + bucketSize);
        };
    this.firstBucket =
        bucket(
            LocalDateTime.parse(firstTimeBucket, FIRST_BUCKET)
                .toInstant(ZoneOffset.UTC)
                .toEpochMilli());
  }

  /** Events of {@code tag} after {@code offset} ({@code null}: all of them). */
  long eventsAfter(String tag, UUID offset) {
    long now = bucket(System.currentTimeMillis());
    long from = offset == null ? firstBucket : bucket(Uuids.unixTimestamp(offset));
    long count = 0;
    for (long b = from; b <= now; b += bucketMillis) {
      var statement =
          offset != null && b == from ? countAfter.bind(tag, b, offset) : countAll.bind(tag, b);
      count += session.execute(statement).one().getLong(0);
    }
    return count;
  }

  /**
   * When the oldest event of {@code tag} was written, if it has any: how far behind a projection is
   * that has stored no offset yet.
   */
  Optional<Instant> oldestEvent(String tag) {
    long now = bucket(System.currentTimeMillis());
    for (long b = firstBucket; b <= now; b += bucketMillis) {
      var row = session.execute(oldest.bind(tag, b)).one();
      if (row != null) return Optional.of(timeOf(row.getUuid(0)));
    }
    return Optional.empty();
  }

  static Instant timeOf(UUID offset) {
    return Instant.ofEpochMilli(Uuids.unixTimestamp(offset));
  }

  private long bucket(long millis) {
    return millis - Math.floorMod(millis, bucketMillis);
  }
}
