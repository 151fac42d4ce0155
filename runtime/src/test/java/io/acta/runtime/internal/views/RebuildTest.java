package io.acta.runtime.internal.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.api.view.ProjectionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A rebuild checks whether its new version has caught up without taking much of the store's time
 * from the fold: far from the end it estimates its progress from the new version's offsets, without
 * counting; near it, it counts the backlog, and while a slice is still far behind, a check that
 * took long (a count of its backlog) is not repeated before ten times its duration, nor later than
 * half the time the rebuild still needs; before the rebuild's pace is known and near the end, it is
 * repeated every interval, so the switch-over follows the catch-up closely.
 */
class RebuildTest {
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aLongCheckOfASliceFarBehindIsSpacedOutByTenTimesItsDuration() {
    assertThat(Rebuild.untilNextCheck(INTERVAL, SECOND, slices(0, 600_000), Duration.ofMinutes(5)))
        .isEqualTo(10 * SECOND);
  }

  @Test
  void neverLongerThanHalfTheTimeTheRebuildStillNeeds() {
    assertThat(Rebuild.untilNextCheck(INTERVAL, SECOND, slices(0, 600_000), Duration.ofSeconds(8)))
        .isEqualTo(4 * SECOND);
    assertThat(Rebuild.untilNextCheck(INTERVAL, SECOND, slices(0, 600_000), Duration.ofSeconds(1)))
        .isEqualTo(INTERVAL.toNanos());
  }

  @Test
  void aQuickCheckFarBehindWaitsTheInterval() {
    assertThat(
            Rebuild.untilNextCheck(INTERVAL, SECOND / 100, slices(600_000), Duration.ofMinutes(5)))
        .isEqualTo(INTERVAL.toNanos());
  }

  @Test
  void beforeAnythingIsFoldedEveryInterval() {
    assertThat(Rebuild.untilNextCheck(INTERVAL, SECOND, slices(600_000), null))
        .isEqualTo(INTERVAL.toNanos());
  }

  @Test
  void nearTheEndEveryIntervalHoweverLongTheCheckTook() {
    assertThat(Rebuild.untilNextCheck(INTERVAL, 3 * SECOND, slices(5, 0), null))
        .isEqualTo(INTERVAL.toNanos());
  }

  @Test
  void farFromTheEndProgressIsTheOffsetsPlaceInTheSpanOfTheJournal() {
    Instant start = Instant.parse("2026-12-06T10:00:00Z");
    SliceSpan span = new SliceSpan(1_000, Optional.of(start), Optional.of(start.plusSeconds(100)));
    assertThat(span.ahead(Optional.empty())).as("no offset stored yet").isEqualTo(1_000);
    assertThat(span.ahead(Optional.of(start.minusSeconds(1)))).isEqualTo(1_000);
    assertThat(span.ahead(Optional.of(start.plusSeconds(25)))).isEqualTo(750);
    assertThat(span.ahead(Optional.of(start.plusSeconds(100)))).as("at the newest").isZero();
    assertThat(span.ahead(Optional.of(start.plusSeconds(160)))).as("past it").isZero();
    assertThat(new SliceSpan(0, Optional.empty(), Optional.empty()).ahead(Optional.empty()))
        .isZero();
    assertThat(
            Rebuild.estimatedBehind(
                Map.of(0, span, 1, span),
                Map.of(
                    0,
                    SlicePosition.atOffset(Optional.of(start.plusSeconds(50))),
                    1,
                    SlicePosition.atOffset(Optional.empty())),
                100))
        .isEqualTo(1_500);
  }

  @Test
  void aSliceReadingTheJournalCountsWhatItReadAndKeepsTheRebuildFromCountingExactly() {
    Instant start = Instant.parse("2026-12-06T10:00:00Z");
    SliceSpan span = new SliceSpan(1_000, Optional.of(start), Optional.of(start.plusSeconds(100)));
    assertThat(SlicePosition.readingJournal(300).ahead(span)).isEqualTo(700);
    assertThat(SlicePosition.readingJournal(1_200).ahead(span))
        .as("read again after a restart")
        .isZero();
    var done = SlicePosition.atOffset(Optional.of(start.plusSeconds(100)));
    assertThat(
            Rebuild.estimatedBehind(
                Map.of(0, span, 1, span), Map.of(0, done, 1, SlicePosition.readingJournal(900)), 0))
        .isEqualTo(100);
    // Every slice but one handed over: still not near enough to count, until the last one has.
    assertThat(
            Rebuild.estimatedBehind(
                Map.of(0, span, 1, span),
                Map.of(0, done, 1, SlicePosition.readingJournal(990)),
                50))
        .isEqualTo(50);
    assertThat(Rebuild.estimatedBehind(Map.of(0, span, 1, span), Map.of(0, done, 1, done), 50))
        .isZero();
  }

  @Test
  void itCountsExactlyFromATwentiethOfTheJournalOnAndAlwaysForSmallOnes() {
    assertThat(Rebuild.nearTheEnd(1_000_000)).isEqualTo(50_000);
    assertThat(Rebuild.nearTheEnd(5_000)).isEqualTo(LagMonitor.FAR_BEHIND);
  }

  private static List<ProjectionStatus> slices(long... behind) {
    return IntStream.range(0, behind.length)
        .mapToObj(
            i ->
                new ProjectionStatus(
                    "balances", 2, "account", i, null, behind[i], Duration.ZERO, 0, null))
        .toList();
  }
}
