package io.acta.runtime.internal.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;

class GapFillingTest {
  private final List<String> journalReads = new ArrayList<>();
  private final List<String> progressAsked = new ArrayList<>();
  private final Map<String, Long> stored = Map.of("a|1", 3L);

  private final GapFilling gaps =
      new GapFilling(
          (source, firstDelivered) -> {
            progressAsked.add(source + " from #" + firstDelivered);
            return CompletableFuture.completedFuture(stored.getOrDefault(source, 0L));
          },
          (source, from, to) -> {
            journalReads.add(source + " " + from + ".." + to);
            return CompletableFuture.completedFuture(
                LongStream.rangeClosed(from, to).mapToObj(seq -> event(source, seq)).toList());
          },
          "test",
          100,
          4);

  private static EventEnvelope<Object> event(String pid, long seq) {
    return EventEnvelope.create(Offset.noOffset(), pid, seq, pid + "#" + seq, 0L);
  }

  private List<String> complete(List<EventEnvelope<Object>> group) {
    return gaps.complete(group).toCompletableFuture().join().stream()
        .map(e -> e.persistenceId() + "#" + e.sequenceNr())
        .toList();
  }

  @Test
  void eventsTheRecordedProgressCoversAreDropped() {
    assertThat(complete(List.of(event("a|1", 2), event("a|1", 3), event("a|1", 4))))
        .containsExactly("a|1#4");
    assertThat(journalReads).isEmpty();
  }

  @Test
  void anEntitysFirstEventsItsTagPassedOverAreReadFromTheJournalInTheirPlace() {
    assertThat(complete(List.of(event("b|1", 1), event("c|1", 3), event("b|1", 2))))
        .containsExactly("b|1#1", "c|1#1", "c|1#2", "c|1#3", "b|1#2");
    assertThat(journalReads).containsExactly("c|1 1..2");
  }

  @Test
  void aHoleAfterRecordedProgressIsFilledFromThere() {
    assertThat(complete(List.of(event("a|1", 6)))).containsExactly("a|1#4", "a|1#5", "a|1#6");
  }

  @Test
  void progressJustRecordedCountsWithoutAnotherRead() {
    complete(List.of(event("b|1", 1)));
    gaps.recorded(Map.of("b|1", 1L));

    assertThat(complete(List.of(event("b|1", 1), event("b|1", 2)))).containsExactly("b|1#2");
    assertThat(gaps.recorded("b|1")).isEqualTo(1);
  }

  @Test
  void progressIsAskedOncePerUnknownEntityWithTheFirstSequenceNumberTheGroupDelivers() {
    complete(List.of(event("b|1", 2), event("c|1", 1), event("b|1", 1), event("c|1", 2)));
    complete(List.of(event("b|1", 3), event("d|1", 5)));

    // b's first delivered is #1 though #2 came first: the lowest, whatever the tag's order.
    assertThat(progressAsked).containsExactly("b|1 from #1", "c|1 from #1", "d|1 from #5");
  }
}
