package io.acta.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WriterMarksTest {
  private static final ToLongFunction<String> NOTHING_RECORDED = source -> 0;

  @Test
  void aRunKeepsOnlyTheMarksOfItsLatestGroup() {
    WriterMarks marks = WriterMarks.NONE;
    // Thousands of entities fold into the row, 50 per group, one run.
    for (int group = 0; group < 100; group++) {
      int first = group * 50;
      List<String> sources = IntStream.range(first, first + 50).mapToObj(i -> "a|" + i).toList();
      Map<String, Long> applied = new HashMap<>();
      sources.forEach(s -> applied.put(s, 1L));
      marks = marks.next("run-1", sources, applied, NOTHING_RECORDED);
    }

    assertThat(marks.applied()).hasSize(50).containsEntry("a|4999", 1L);
    assertThat(marks.carried()).isEmpty();
  }

  @Test
  void aTryOfTheSameGroupKeepsWhatAnEarlierTryApplied() {
    var first = WriterMarks.NONE.next("run-1", List.of("a|1", "a|2"), Map.of("a|1", 4L), s -> 0);

    var retried = first.next("run-1", List.of("a|1", "a|2"), Map.of("a|2", 7L), s -> 0);

    assertThat(retried.seen()).containsEntry("a|1", 4L).containsEntry("a|2", 7L);
  }

  @Test
  void anotherRunsMarksAreCarriedUntilTheirProgressIsRecorded() {
    var crashed = WriterMarks.NONE.next("run-1", List.of("a|1"), Map.of("a|1", 9L), s -> 0);

    var next = crashed.next("run-2", List.of("a|3"), Map.of("a|3", 2L), s -> 0);
    assertThat(next.carried()).containsEntry("a|1", 9L);
    assertThat(next.seen()).containsEntry("a|1", 9L).containsEntry("a|3", 2L);

    var later = next.next("run-2", List.of("a|4"), Map.of("a|4", 1L), s -> 0);
    assertThat(later.carried()).as("not known to be recorded").containsEntry("a|1", 9L);

    var recorded = later.next("run-2", List.of("a|5"), Map.of("a|5", 1L), s -> 9);
    assertThat(recorded.carried()).isEmpty();
    assertThat(recorded.applied()).containsOnlyKeys("a|5");
  }

  @Test
  void aCarriedMarkGoesWithTheRunsOwnMarkThatCoversIt() {
    var crashed = WriterMarks.NONE.next("run-1", List.of("a|1"), Map.of("a|1", 9L), s -> 0);

    var redelivered = crashed.next("run-2", List.of("a|1"), Map.of("a|1", 10L), s -> 0);

    assertThat(redelivered.carried()).isEmpty();
    assertThat(redelivered.applied()).containsEntry("a|1", 10L);
  }
}
