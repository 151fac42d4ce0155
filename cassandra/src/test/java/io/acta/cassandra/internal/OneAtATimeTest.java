package io.acta.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class OneAtATimeTest {
  private final OneAtATime turns = new OneAtATime();
  private final List<String> started = new ArrayList<>();

  private CompletionStage<String> task(String name, CompletableFuture<String> end) {
    return turns.run(
        name.substring(0, 1),
        () -> {
          started.add(name);
          return end;
        });
  }

  @Test
  void tasksOnOneKeyRunOneAfterTheOtherInTheOrderAskedOthersAtOnce() {
    var a1 = new CompletableFuture<String>();
    var a2 = new CompletableFuture<String>();
    var b1 = new CompletableFuture<String>();

    var first = task("a1", a1);
    var second = task("a2", a2);
    task("b1", b1);
    assertThat(started).containsExactly("a1", "b1");

    a1.complete("done");
    assertThat(first).isCompletedWithValue("done");
    assertThat(started).containsExactly("a1", "b1", "a2");

    a2.complete("done too");
    b1.complete("b");
    assertThat(second).isCompletedWithValue("done too");
    assertThat(turns.keys()).isZero();
  }

  @Test
  void aFailedTaskFailsItsCallerAndLetsTheNextOneRun() {
    var a1 = new CompletableFuture<String>();
    var first = task("a1", a1);
    var second = task("a2", CompletableFuture.completedFuture("next"));

    a1.completeExceptionally(new IllegalStateException("write timed out"));

    assertThat(first).isCompletedExceptionally();
    assertThat(second).isCompletedWithValue("next");
    assertThat(turns.keys()).isZero();
  }
}
