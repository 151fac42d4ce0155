package io.acta.cassandra.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per tag, where a walk over events-by-tag's time buckets from the first one may start: after the
 * buckets found empty that can no longer gain an event. Counting a tag's events from its start, or
 * finding its oldest, reads one bucket after the other from {@code first-time-bucket}, and for a
 * slice without events, or a projection without an offset, each status refresh did so again: one
 * query per bucket since that date, a number that grows by one every day (24 with hourly buckets).
 * An event is stored in the bucket of its writer's clock, so a bucket that ended well before now
 * ({@link #SETTLED}, far beyond any {@code max-delay}) and held nothing stays empty.
 */
final class EmptyBuckets {
  /** How long after its end a bucket can no longer gain an event. */
  static final Duration SETTLED = Duration.ofHours(1);

  private final long firstBucket;
  private final long bucketMillis;
  private final Map<String, Long> emptyBefore = new ConcurrentHashMap<>();

  EmptyBuckets(long firstBucket, long bucketMillis) {
    this.firstBucket = firstBucket;
    this.bucketMillis = bucketMillis;
  }

  /** The first bucket of {@code tag} a walk from the start has to read. */
  long firstToRead(String tag) {
    return emptyBefore.getOrDefault(tag, firstBucket);
  }

  /**
   * A walk from {@link #firstToRead} found {@code bucket} empty at {@code nowMillis}, as every
   * bucket before it: once settled, later walks start after it.
   */
  void foundEmpty(String tag, long bucket, long nowMillis) {
    if (bucket + bucketMillis + SETTLED.toMillis() <= nowMillis)
      emptyBefore.merge(tag, bucket + bucketMillis, Math::max);
  }
}
