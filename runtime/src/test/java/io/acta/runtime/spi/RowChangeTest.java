package io.acta.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.api.view.ViewEvent;
import io.acta.runtime.fixtures.Counter;
import io.acta.runtime.fixtures.Jar;
import io.acta.runtime.fixtures.Tallies;
import io.acta.runtime.fixtures.Tallies.Tally;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowChangeTest {
  private static final ViewFold<Tally> FOLD = new ViewFold<>(Tallies.TYPE);

  private static ViewEvent<?> added(String counter, long seq, int amount) {
    return new ViewEvent<>(
        "counter", counter, seq, Instant.EPOCH.plusSeconds(seq), new Counter.Added(amount));
  }

  private static ViewEvent<?> dropped(String jar, long seq, int coins) {
    return new ViewEvent<>("jar", jar, seq, Instant.EPOCH.plusSeconds(seq), new Jar.Dropped(coins));
  }

  @Test
  void theFirstEventOfARowFoldsIntoTheViewsInitialRow() {
    RowChange<Tally> change =
        RowChange.decide(FOLD, "c1", null, Map.of(), List.of(added("c1", 1, 5)));

    assertThat(change.before()).isNull();
    assertThat(change.after()).isEqualTo(new Tally("c1", 5, List.of("counter|c1#1")));
    assertThat(change.newlyApplied()).isEqualTo(Map.of("counter|c1", 1L));
    assertThat(change.failure()).isNull();
    assertThat(change.changed()).isTrue();
  }

  @Test
  void eventsTheRowHasAlreadyAppliedAreRedeliveriesAndPassedOver() {
    var stored = new Tally("c1", 3, List.of("counter|c1#1", "counter|c1#2"));

    RowChange<Tally> change =
        RowChange.decide(
            FOLD,
            "c1",
            stored,
            Map.of("counter|c1", 2L),
            List.of(added("c1", 1, 1), added("c1", 2, 2), added("c1", 3, 4)));

    assertThat(change.after())
        .isEqualTo(new Tally("c1", 7, List.of("counter|c1#1", "counter|c1#2", "counter|c1#3")));
    assertThat(change.newlyApplied()).isEqualTo(Map.of("counter|c1", 3L));
  }

  @Test
  void anEventRepeatedWithinOneGroupIsAppliedOnce() {
    RowChange<Tally> change =
        RowChange.decide(
            FOLD,
            "c1",
            null,
            Map.of(),
            List.of(added("c1", 1, 5), added("c1", 1, 5), added("c1", 2, 1)));

    assertThat(change.after().total()).isEqualTo(6);
    assertThat(change.after().events()).containsExactly("counter|c1#1", "counter|c1#2");
  }

  @Test
  void aGroupWhoseEventsWereAllAppliedChangesNothing() {
    var stored = new Tally("c1", 5, List.of("counter|c1#1"));

    RowChange<Tally> change =
        RowChange.decide(FOLD, "c1", stored, Map.of("counter|c1", 1L), List.of(added("c1", 1, 5)));

    assertThat(change.changed()).isFalse();
    assertThat(change.after()).isSameAs(stored);
    assertThat(change.newlyApplied()).isEmpty();
  }

  @Test
  void sequenceNumbersAreComparedPerSourceSoSeveralSourcesFoldIntoOneRow() {
    // jar "a-1" and jar "a-2" both fold into row "a"; a-1 was applied up to 4, a-2 never.
    var stored = new Tally("jar:a", 10, List.of("jar|a-1#4"));

    RowChange<Tally> change =
        RowChange.decide(
            FOLD,
            "a",
            stored,
            Map.of("jar|a-1", 4L),
            List.of(
                dropped("a-2", 1, 1),
                dropped("a-1", 4, 10),
                dropped("a-2", 2, 2),
                dropped("a-1", 5, 3)));

    assertThat(change.after())
        .isEqualTo(
            new Tally("jar:a", 16, List.of("jar|a-1#4", "jar|a-2#1", "jar|a-2#2", "jar|a-1#5")));
    assertThat(change.newlyApplied()).isEqualTo(Map.of("jar|a-1", 5L, "jar|a-2", 2L));
  }

  @Test
  void eventsOfTwoEntityTypesFoldIntoTheSameRow() {
    RowChange<Tally> change =
        RowChange.decide(
            FOLD, "x", null, Map.of(), List.of(added("x", 1, 1), dropped("x-jar", 1, 2)));

    assertThat(change.after().total()).isEqualTo(3);
    assertThat(change.newlyApplied()).isEqualTo(Map.of("counter|x", 1L, "jar|x-jar", 1L));
    assertThat(
            RowChange.sources(List.of(added("x", 1, 1), dropped("x-jar", 1, 2), added("x", 2, 1))))
        .containsExactly("counter|x", "jar|x-jar");
  }

  @Test
  void anEventTheViewFailsOnStopsTheRowRightBeforeItAndIsReported() {
    var poison = added("c1", 2, Tallies.POISON);

    RowChange<Tally> change =
        RowChange.decide(
            FOLD,
            "c1",
            null,
            Map.of(),
            List.of(added("c1", 1, 5), poison, added("c1", 3, 1), dropped("c1-jar", 1, 9)));

    assertThat(change.after()).isEqualTo(new Tally("c1", 5, List.of("counter|c1#1")));
    assertThat(change.newlyApplied()).isEqualTo(Map.of("counter|c1", 1L));
    assertThat(change.changed()).isTrue();
    assertThat(change.failure().event()).isSameAs(poison);
    assertThat(change.failure())
        .hasMessageContaining("cannot fold 666")
        .cause()
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFailureOnTheFirstEventLeavesTheRowAsStored() {
    var stored = new Tally("c1", 5, List.of("counter|c1#1"));

    RowChange<Tally> change =
        RowChange.decide(
            FOLD, "c1", stored, Map.of("counter|c1", 1L), List.of(added("c1", 2, Tallies.POISON)));

    assertThat(change.changed()).isFalse();
    assertThat(change.after()).isSameAs(stored);
    assertThat(change.failure().event().sequenceNr()).isEqualTo(2);
  }
}
