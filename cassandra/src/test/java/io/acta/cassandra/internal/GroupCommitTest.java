package io.acta.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  /** The requests sent, in order. */
  private final List<List<String>> requests = new ArrayList<>();

  private final List<CompletableFuture<Void>> replies = new ArrayList<>();
  private final GroupCommit<String> commits = recording(2, 2);

  /**
   * Group commit of at most 3 writes and 10 bytes a request, a write's destination its first letter
   * and its size its length; requests are recorded in {@link #requests} and answered through {@link
   * #replies}.
   */
  private GroupCommit<String> recording(int partial, int full) {
    return new GroupCommit<>(
        w -> w.substring(0, 1),
        String::length,
        writes -> {
          requests.add(writes);
          CompletableFuture<Void> reply = new CompletableFuture<>();
          replies.add(reply);
          return reply;
        },
        partial,
        full,
        3,
        10);
  }

  @Test
  void writesGoAtOnceWhileRequestsAreFewAndTogetherOnceTheyAreMany() {
    commits.write("a1");
    commits.write("a2");
    commits.write("a3");
    commits.write("a4");
    commits.write("a5");
    commits.write("b1"); // another destination has its own room
    assertThat(requests).containsExactly(List.of("a1"), List.of("a2"), List.of("b1"));

    replies.get(0).complete(null);
    assertThat(requests.get(3)).containsExactly("a3", "a4", "a5");
  }

  @Test
  void aRequestHoldsAtMostItsWritesAndBytes() {
    commits.write("a1");
    commits.write("a2");
    for (String w : List.of("a3", "a4", "a5", "a6", "a77777")) commits.write(w);

    replies.get(0).complete(null);
    replies.get(1).complete(null);
    // At most 3 writes a request; a6 (2 bytes) and a77777 (6) would pass 10 bytes with a3-a5's 6.
    assertThat(requests.subList(2, 4))
        .containsExactly(List.of("a3", "a4", "a5"), List.of("a6", "a77777"));
  }

  @Test
  void eachWriteCompletesWithItsRequestAndAFailureFailsOnlyItsOwn() {
    CompletionStage<Void> a1 = commits.write("a1");
    CompletionStage<Void> a2 = commits.write("a2");
    CompletionStage<Void> a3 = commits.write("a3");
    CompletionStage<Void> a4 = commits.write("a4");
    assertThat(a1.toCompletableFuture()).isNotDone();

    replies.get(0).completeExceptionally(new IllegalStateException("write timeout"));
    assertThat(a1.toCompletableFuture()).isCompletedExceptionally();
    assertThat(a2.toCompletableFuture()).isNotDone();
    replies.get(2).complete(null); // a3 and a4, sent together when a1's request ended
    assertThat(a3.toCompletableFuture()).isCompleted();
    assertThat(a4.toCompletableFuture()).isCompleted();
    assertThat(a2.toCompletableFuture()).isNotDone();
  }

  @Test
  void aSenderThatThrowsFailsItsWritesAndFreesTheRoom() {
    GroupCommit<String> failing =
        new GroupCommit<>(
            w -> "",
            String::length,
            writes -> {
              throw new IllegalArgumentException("unbound value");
            },
            1,
            1,
            3,
            10);
    assertThat(failing.write("x").toCompletableFuture()).isCompletedExceptionally();
    assertThat(failing.write("y").toCompletableFuture()).isCompletedExceptionally();
  }

  @Test
  void fullRequestsGoWhilePartialOnesWait() {
    GroupCommit<String> commits = recording(1, 2);
    commits.write("a1");
    commits.write("a2"); // one request outstanding: a2 waits for company
    assertThat(requests).containsExactly(List.of("a1"));

    commits.write("a3");
    commits.write("a4"); // three writes fill a request: it goes beside the first
    assertThat(requests).containsExactly(List.of("a1"), List.of("a2", "a3", "a4"));

    commits.write("a5");
    commits.write("a6");
    commits.write("a7"); // full, but two requests are outstanding: it waits
    assertThat(requests).hasSize(2);

    replies.get(0).complete(null);
    assertThat(requests.get(2)).containsExactly("a5", "a6", "a7");
  }

  @Test
  void aWriteAsLargeAsARequestGoesAloneWithoutWaitingForCompany() {
    GroupCommit<String> commits = recording(1, 4);
    commits.write("a1");
    commits.write("a2"); // waits: a small write with one request outstanding
    commits.write("a-history"); // 9 bytes: a2 cannot share with it, so a2's request is full
    assertThat(requests).containsExactly(List.of("a1"), List.of("a2"));

    commits.write("a-history2"); // 10 bytes, a request's worth: it goes, and a-history before it
    assertThat(requests)
        .containsExactly(List.of("a1"), List.of("a2"), List.of("a-history"), List.of("a-history2"));
  }
}
