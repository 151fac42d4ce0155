package io.acta.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A walk over a tag's time buckets from its start skips, next time, the buckets it found empty that
 * can no longer gain an event, and only those.
 */
class EmptyBucketsTest {
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final long FIRST = 100 * DAY;
  private static final long SETTLED = EmptyBuckets.SETTLED.toMillis();

  @Test
  void aWalkStartsAtTheFirstBucketUntilOneIsFoundEmpty() {
    EmptyBuckets buckets = new EmptyBuckets(FIRST, DAY);

    assertThat(buckets.firstToRead("account-0")).isEqualTo(FIRST);
  }

  @Test
  void emptyBucketsThatEndedLongAgoAreSkippedNextTime() {
    EmptyBuckets buckets = new EmptyBuckets(FIRST, DAY);
    long now = FIRST + 40 * DAY + SETTLED;
    for (long b = FIRST; b <= FIRST + 40 * DAY; b += DAY) buckets.foundEmpty("account-0", b, now);

    // Today's bucket is read again; every earlier one ended at least SETTLED ago.
    assertThat(buckets.firstToRead("account-0")).isEqualTo(FIRST + 40 * DAY);
    assertThat(buckets.firstToRead("account-1")).isEqualTo(FIRST);
  }

  @Test
  void aBucketThatMayStillGainAnEventIsReadAgain() {
    EmptyBuckets buckets = new EmptyBuckets(FIRST, DAY);
    long endOfSecond = FIRST + 2 * DAY;
    buckets.foundEmpty("account-0", FIRST, endOfSecond);
    buckets.foundEmpty("account-0", FIRST + DAY, endOfSecond + SETTLED - 1);

    assertThat(buckets.firstToRead("account-0")).isEqualTo(FIRST + DAY);

    buckets.foundEmpty("account-0", FIRST + DAY, endOfSecond + SETTLED);
    assertThat(buckets.firstToRead("account-0")).isEqualTo(FIRST + 2 * DAY);
  }

  @Test
  void whatIsKnownNeverMovesBack() {
    EmptyBuckets buckets = new EmptyBuckets(FIRST, DAY);
    long now = FIRST + 10 * DAY;
    buckets.foundEmpty("account-0", FIRST + 5 * DAY, now);
    buckets.foundEmpty("account-0", FIRST + 2 * DAY, now);

    assertThat(buckets.firstToRead("account-0")).isEqualTo(FIRST + 6 * DAY);
  }
}
