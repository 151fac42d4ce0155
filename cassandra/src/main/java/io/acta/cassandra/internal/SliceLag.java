package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.acta.runtime.spi.ViewStorage.Backlog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Measures what a projection has not processed of its slice, by reading the journal's own
 * events-by-tag table against the view's own progress, so lag is measured on both sides rather than
 * guessed from the stored offset alone: that offset is the last event's the projection handled,
 * which is not always the newest (an event found late by the back-track has an earlier place), and
 * events may still appear behind it.
 */
final class SliceLag {
  private static final DateTimeFormatter FIRST_BUCKET =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm").withZone(ZoneOffset.UTC);

  private final CqlSession session;
  private final PreparedStatement countAfter;
  private final PreparedStatement countAll;
  private final PreparedStatement oldest;
  private final PreparedStatement newest;
  private final PreparedStatement rowsAfter;
  private final long bucketMillis;
  private final EmptyBuckets empty;

  SliceLag(CqlSession session, String keyspace, String bucketSize, String firstTimeBucket) {
    this.session = session;
    // Counted page by page on this side rather than with COUNT(*): one COUNT of a large bucket is
    // one request, which a busy server did not finish within the request timeout (250,000 events
    // of a slice, during a catch-up), failing the status and a rebuild's start with it; each page
    // is a request of its own.
    this.countAfter =
        session.prepare(
            "SELECT timestamp FROM "
                + keyspace
                + ".tag_views WHERE tag_name = ? AND timebucket = ? AND timestamp > ?");
    this.countAll =
        session.prepare(
            "SELECT timestamp FROM "
                + keyspace
                + ".tag_views WHERE tag_name = ? AND timebucket = ?");
    this.oldest =
        session.prepare(
            "SELECT timestamp FROM "
                + keyspace
                + ".tag_views WHERE tag_name = ? AND timebucket = ? LIMIT 1");
    this.newest =
        session.prepare(
            "SELECT timestamp FROM "
                + keyspace
                + ".tag_views WHERE tag_name = ? AND timebucket = ? ORDER BY timestamp DESC LIMIT"
                + " 1");
    this.rowsAfter =
        session.prepare(
            "SELECT persistence_id, sequence_nr, timestamp FROM "
                + keyspace
                + ".tag_views WHERE tag_name = ? AND timebucket = ? AND timestamp > ?");
    this.bucketMillis = CassandraSettings.bucket(bucketSize).toMillis();
    this.empty =
        new EmptyBuckets(
            bucket(
                LocalDateTime.parse(firstTimeBucket, FIRST_BUCKET)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli()),
            bucketMillis);
  }

  /** Events of {@code tag} after {@code offset} ({@code null}: all of them). */
  long eventsAfter(String tag, UUID offset) {
    long nowMillis = System.currentTimeMillis();
    long now = bucket(nowMillis);
    long from = offset == null ? empty.firstToRead(tag) : bucket(Uuids.unixTimestamp(offset));
    long count = 0;
    for (long b = from; b <= now; b += bucketMillis) {
      var statement =
          offset != null && b == from ? countAfter.bind(tag, b, offset) : countAll.bind(tag, b);
      count += rows(statement);
      if (offset == null && count == 0) empty.foundEmpty(tag, b, nowMillis);
    }
    return count;
  }

  /** How many rows {@code statement} selects, read a page at a time. */
  private long rows(BoundStatement statement) {
    long n = 0;
    for (Row ignored : session.execute(statement.setPageSize(COUNT_PAGE))) n++;
    return n;
  }

  /** Rows per page when counting: each page is one request, well within the request timeout. */
  private static final int COUNT_PAGE = 5_000;

  /**
   * More events than this in the look-back window and after an offset are not read one by one
   * against the view's progress, so that the scan's cost per status refresh stays bounded: those
   * before the offset are then taken as processed, and those after it checked, or, if they are more
   * than this too, counted as not processed.
   */
  static final long EXACT_UP_TO = 20_000;

  /**
   * The events of {@code tag} a view has not processed: of those after {@code offset}, or up to
   * {@code lookBack} before it (where events written late appear), those whose sequence number is
   * above what {@code processed} gives for their entity, asked once for all the entities of those
   * events, each with the newest of its sequence numbers among them (so that the caller can answer
   * from what it knows and read the rest together); every event of the tag when there is no offset.
   */
  Backlog backlog(
      String tag,
      UUID offset,
      Duration lookBack,
      Function<Map<String, Long>, Map<String, Long>> processed) {
    if (offset == null) {
      long all = eventsAfter(tag, null);
      return all == 0 ? Backlog.NONE : new Backlog(all, oldestEvent(tag));
    }
    UUID from = Uuids.startOf(Uuids.unixTimestamp(offset) - lookBack.toMillis());
    long candidates = eventsAfter(tag, from);
    if (candidates == 0) return Backlog.NONE;
    if (candidates > EXACT_UP_TO) {
      // Counting the whole window as not processed kept a view that had caught up right after a
      // burst (more events in its last look-back window than this) reported that far behind until
      // an event of its slice came a look-back later: an idle slice, for good. The events after
      // the offset are still checked: a view stores the offset its tag last delivered, which can
      // trail the events it was pushed.
      long after = eventsAfter(tag, offset);
      if (after == 0) return Backlog.NONE;
      if (after > EXACT_UP_TO) return new Backlog(after, Optional.of(timeOf(offset)));
      from = offset;
    }
    List<Candidate> events = new ArrayList<>();
    long now = bucket(System.currentTimeMillis());
    for (long b = bucket(Uuids.unixTimestamp(from)); b <= now; b += bucketMillis) {
      for (Row row : session.execute(rowsAfter.bind(tag, b, from)))
        events.add(
            new Candidate(row.getString(0), row.getLong(1), Uuids.unixTimestamp(row.getUuid(2))));
    }
    Map<String, Long> newest = new HashMap<>();
    for (Candidate e : events) newest.merge(e.persistenceId(), e.sequenceNr(), Math::max);
    Map<String, Long> done = newest.isEmpty() ? Map.of() : processed.apply(newest);
    long count = 0;
    long oldestMillis = Long.MAX_VALUE;
    for (Candidate e : events) {
      if (e.sequenceNr() > done.getOrDefault(e.persistenceId(), 0L)) {
        count++;
        oldestMillis = Math.min(oldestMillis, e.writtenMillis());
      }
    }
    return count == 0
        ? Backlog.NONE
        : new Backlog(count, Optional.of(Instant.ofEpochMilli(oldestMillis)));
  }

  /** An event of the tag that may not be processed yet. */
  private record Candidate(String persistenceId, long sequenceNr, long writtenMillis) {}

  /**
   * When the oldest event of {@code tag} was written, if it has any: how far behind a projection is
   * that has stored no offset yet.
   */
  Optional<Instant> oldestEvent(String tag) {
    long nowMillis = System.currentTimeMillis();
    long now = bucket(nowMillis);
    for (long b = empty.firstToRead(tag); b <= now; b += bucketMillis) {
      var row = session.execute(oldest.bind(tag, b)).one();
      if (row != null) return Optional.of(timeOf(row.getUuid(0)));
      empty.foundEmpty(tag, b, nowMillis);
    }
    return Optional.empty();
  }

  /**
   * When the newest event of {@code tag} was written, if it has any: the buckets are read from the
   * current one back, one query each, until one holds an event.
   */
  Optional<Instant> newestEvent(String tag) {
    long first = empty.firstToRead(tag);
    for (long b = bucket(System.currentTimeMillis()); b >= first; b -= bucketMillis) {
      var row = session.execute(newest.bind(tag, b)).one();
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
