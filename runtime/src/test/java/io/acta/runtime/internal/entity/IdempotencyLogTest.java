package io.acta.runtime.internal.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyLogTest {
  private static final Duration WINDOW = Duration.ofMinutes(10);
  private static final long T0 = 1_700_000_000_000L;

  private static IdempotencyRecorded at(String key, long millis) {
    return new IdempotencyRecorded(key, "fp-" + key, "reply-" + key, millis);
  }

  private static IdempotencyLog fold(
      List<IdempotencyRecorded> records, Duration window, int cachedKeys) {
    IdempotencyLog log = IdempotencyLog.EMPTY;
    for (var r : records) log = log.with(r, window, cachedKeys);
    return log;
  }

  private static List<String> keys(IdempotencyLog log) {
    return log.records().stream().map(IdempotencyRecorded::key).toList();
  }

  @Test
  void aKeyIsFoundUntilTheEndOfItsWindowAndNotAfter() {
    var log = IdempotencyLog.EMPTY.with(at("k1", T0), WINDOW, 100);

    assertThat(log.find("k1", T0, WINDOW)).isEqualTo(at("k1", T0));
    assertThat(log.find("k1", T0 + WINDOW.toMillis(), WINDOW)).isEqualTo(at("k1", T0));
    assertThat(log.find("k1", T0 + WINDOW.toMillis() + 1, WINDOW)).isNull();
    assertThat(log.find("other", T0, WINDOW)).isNull();
  }

  @Test
  void beyondMaxKeysTheOldestKeysAreDroppedFirst() {
    var log =
        fold(
            List.of(
                at("k1", T0),
                at("k2", T0 + 1),
                at("k3", T0 + 2),
                at("k4", T0 + 3),
                at("k5", T0 + 4)),
            WINDOW,
            3);

    assertThat(keys(log)).containsExactly("k3", "k4", "k5");
    assertThat(log.find("k2", T0 + 4, WINDOW)).isNull();
  }

  @Test
  void aKeyRecordedAgainBecomesTheNewestAndIsDroppedLast() {
    var log =
        fold(
            List.of(at("k1", T0), at("k2", T0 + 1), at("k1", T0 + 2), at("k3", T0 + 3)), WINDOW, 2);

    assertThat(keys(log)).containsExactly("k1", "k3");
    assertThat(log.find("k1", T0 + 3, WINDOW).atMillis()).isEqualTo(T0 + 2);
  }

  @Test
  void keysOlderThanTheWindowAtANewRecordsTimeAreDropped() {
    long later = T0 + WINDOW.toMillis() + 1;
    var log = fold(List.of(at("old", T0), at("recent", T0 + 5), at("new", later)), WINDOW, 100);

    assertThat(keys(log)).containsExactly("recent", "new");
  }

  @Test
  void theSameRecordsRebuildTheSameLogWhetherReplayedOrRestoredFromASnapshot() {
    var records =
        List.of(
            at("a", T0),
            at("b", T0 + 1_000),
            at("c", T0 + 2_000),
            at("a", T0 + 3_000),
            at("d", T0 + WINDOW.toMillis() + 1_500),
            at("e", T0 + WINDOW.toMillis() + 1_600));

    IdempotencyLog live = fold(records, WINDOW, 3);
    IdempotencyLog replayed = fold(records, WINDOW, 3);
    IdempotencyLog restored =
        IdempotencyLog.of(List.copyOf(fold(records.subList(0, 3), WINDOW, 3).records()));
    for (var r : records.subList(3, records.size())) restored = restored.with(r, WINDOW, 3);

    assertThat(replayed).isEqualTo(live);
    assertThat(restored).isEqualTo(live);
    assertThat(keys(live)).containsExactly("a", "d", "e");
  }

  @Test
  void addingToALogLeavesTheOriginalAsItWas() {
    var one = IdempotencyLog.EMPTY.with(at("k1", T0), WINDOW, 100);

    one.with(at("k2", T0 + 1), WINDOW, 100);

    assertThat(keys(one)).containsExactly("k1");
    assertThat(IdempotencyLog.EMPTY.size()).isZero();
  }
}
