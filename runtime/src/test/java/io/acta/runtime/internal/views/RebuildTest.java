package io.acta.runtime.internal.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.api.view.ProjectionStatus;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A rebuild checks whether its new version has caught up without taking much of the store's time
 * from the fold: while a slice is far behind, a check that took long (a count of its backlog) is
 * not repeated before ten times its duration, nor later than half the time the rebuild still needs;
 * before the rebuild's pace is known and near the end, it is repeated every interval, so the
 * switch-over follows the catch-up closely.
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

  private static List<ProjectionStatus> slices(long... behind) {
    return IntStream.range(0, behind.length)
        .mapToObj(
            i ->
                new ProjectionStatus(
                    "balances", 2, "account", i, null, behind[i], Duration.ZERO, 0, null))
        .toList();
  }
}
