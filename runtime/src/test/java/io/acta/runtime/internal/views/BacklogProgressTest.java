package io.acta.runtime.internal.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A lag measurement learns how far a view got with each entity it asks about from the change
 * notices when they cover the entity's newest event in question, and reads the store only for the
 * others, several at once.
 */
class BacklogProgressTest {

  @Test
  void anEntityTheNoticesCoverIsNotRead() {
    List<String> read = Collections.synchronizedList(new ArrayList<>());
    Map<String, Long> processed =
        BacklogProgress.of(
            Map.of("a|1", 5L, "a|2", 3L),
            pid -> pid.equals("a|1") ? 7 : 3,
            pid -> {
              read.add(pid);
              return CompletableFuture.completedFuture(0L);
            },
            8);

    assertThat(read).isEmpty();
    assertThat(processed).isEqualTo(Map.of("a|1", 7L, "a|2", 3L));
  }

  @Test
  void anEntityTheNoticesLeaveBehindOrNeverSpokeOfIsReadFromTheStore() {
    List<String> read = Collections.synchronizedList(new ArrayList<>());
    Map<String, Long> processed =
        BacklogProgress.of(
            Map.of("a|1", 5L, "a|2", 9L, "a|3", 2L),
            pid -> pid.equals("a|1") ? 4 : pid.equals("a|3") ? 2 : -1,
            pid -> {
              read.add(pid);
              return CompletableFuture.completedFuture(pid.equals("a|1") ? 5L : 6L);
            },
            8);

    assertThat(read).containsExactlyInAnyOrder("a|1", "a|2");
    // The store knows more than a lost notice told (a|1), or less than the newest event (a|2).
    assertThat(processed).isEqualTo(Map.of("a|1", 5L, "a|2", 6L, "a|3", 2L));
  }

  @Test
  @Timeout(30) // reads that never start would keep the loop below waiting for them
  void readsAreManyAtOnceButNoMoreThanTheLimit() {
    Map<String, Long> newest =
        IntStream.range(0, 50).boxed().collect(Collectors.toMap(i -> "a|" + i, i -> 1L));
    List<CompletableFuture<Long>> pending = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger outstanding = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Function<String, CompletionStage<Long>> stored =
        pid -> {
          most.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
          CompletableFuture<Long> r = new CompletableFuture<>();
          pending.add(r);
          return r.whenComplete((v, e) -> outstanding.decrementAndGet());
        };
    CompletableFuture<Map<String, Long>> processed =
        CompletableFuture.supplyAsync(() -> BacklogProgress.of(newest, pid -> -1, stored, 4));

    int answered = 0;
    while (answered < 50) {
      CompletableFuture<Long> next = null;
      synchronized (pending) {
        if (answered < pending.size()) next = pending.get(answered);
      }
      if (next == null) {
        Thread.onSpinWait();
        continue;
      }
      assertThat(outstanding.get()).isLessThanOrEqualTo(4);
      next.complete(1L);
      answered++;
    }

    assertThat(processed.join()).hasSize(50).allSatisfy((pid, seq) -> assertThat(seq).isOne());
    assertThat(most.get()).isEqualTo(4);
  }
}
