package io.acta.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RowTurnsTest {
  private final List<List<String>> turnsRun = new ArrayList<>();
  private final List<CompletableFuture<Void>> ends = new ArrayList<>();
  private final RowTurns<String> turns =
      new RowTurns<>(
          items -> {
            turnsRun.add(items);
            CompletableFuture<Void> end = new CompletableFuture<>();
            ends.add(end);
            return end;
          });

  @Test
  void whatIsAskedDuringATurnRunsTogetherInTheNextOneAndOtherKeysAtOnce() {
    turns.submit("a", "a1");
    turns.submit("a", "a2");
    turns.submit("b", "b1");
    turns.submit("a", "a3");
    assertThat(turnsRun).containsExactly(List.of("a1"), List.of("b1"));

    ends.get(0).complete(null);
    assertThat(turnsRun).containsExactly(List.of("a1"), List.of("b1"), List.of("a2", "a3"));

    ends.get(2).complete(null);
    ends.get(1).complete(null);
    assertThat(turns.keys()).isZero();
  }

  @Test
  void aFailedTurnLetsTheNextOneRun() {
    turns.submit("a", "a1");
    turns.submit("a", "a2");

    ends.get(0).completeExceptionally(new IllegalStateException("write timed out"));

    assertThat(turnsRun).containsExactly(List.of("a1"), List.of("a2"));
    ends.get(1).complete(null);
    assertThat(turns.keys()).isZero();
  }
}
