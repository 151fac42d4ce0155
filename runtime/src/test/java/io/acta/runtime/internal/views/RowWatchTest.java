package io.acta.runtime.internal.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.api.view.Versioned;
import io.acta.runtime.fixtures.TestSystems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RowWatchTest {
  private static final ActorSystem<Void> system = TestSystems.plain("row-watch-test");

  @AfterAll
  static void stop() {
    system.terminate();
  }

  /** A row store whose reads the test completes by hand. */
  private static final class Reads {
    final List<CompletableFuture<Optional<Versioned<Object>>>> pending =
        new CopyOnWriteArrayList<>();
    final AtomicInteger count = new AtomicInteger();

    CompletionStage<Optional<Versioned<Object>>> read() {
      count.incrementAndGet();
      CompletableFuture<Optional<Versioned<Object>>> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }

    void answer(long version) {
      pending.removeFirst().complete(Optional.of(new Versioned<>("row-" + version, version)));
    }
  }

  private static List<Versioned<Object>> follow(RowWatch.Subscriber subscriber) {
    List<Versioned<Object>> seen = new CopyOnWriteArrayList<>();
    subscriber.changes().runWith(Sink.foreach(seen::add), system);
    return seen;
  }

  private static void awaitSize(List<?> list, int size) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (list.size() < size && System.nanoTime() < deadline) Thread.onSpinWait();
    assertThat(list).hasSize(size);
  }

  private static void awaitLast(List<Versioned<Object>> seen, long version) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while ((seen.isEmpty() || seen.getLast().version() < version) && System.nanoTime() < deadline)
      Thread.onSpinWait();
    assertThat(seen).isNotEmpty();
    assertThat(seen.getLast().version()).isEqualTo(version);
  }

  @Test
  void oneReadPerChangeServesEverySubscriber() {
    Reads reads = new Reads();
    RowWatch watch = new RowWatch(reads::read);
    List<List<Versioned<Object>>> streams = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      RowWatch.Subscriber s = new RowWatch.Subscriber(0);
      watch.add(s);
      streams.add(follow(s));
    }

    watch.refresh();
    reads.answer(1);

    assertThat(reads.count).hasValue(1);
    for (List<Versioned<Object>> seen : streams) {
      awaitSize(seen, 1);
      assertThat(seen.getFirst().version()).isEqualTo(1);
    }
  }

  @Test
  void changesDuringAReadCostOneMoreReadAndTheLastChangeIsNeverLeftUnread() {
    Reads reads = new Reads();
    RowWatch watch = new RowWatch(reads::read);
    RowWatch.Subscriber s = new RowWatch.Subscriber(0);
    watch.add(s);
    List<Versioned<Object>> seen = follow(s);

    CompletionStage<Void> done = watch.refresh();
    for (int i = 0; i < 10; i++) watch.refresh(); // ten more notices while the first read runs
    reads.answer(1);
    assertThat(done.toCompletableFuture()).isNotDone();
    reads.answer(11);

    assertThat(reads.count).hasValue(2);
    assertThat(done.toCompletableFuture()).isCompleted();
    awaitLast(seen, 11);
    // The stream may skip version 1 when 11 came before it took 1: it only ever moves forward.
    assertThat(seen).extracting(Versioned::version).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aSubscriberNeverSeesAnOlderVersionOrOneItAlreadyHad() {
    RowWatch.Subscriber s = new RowWatch.Subscriber(5);
    s.deliver(new Versioned<>("old", 3));
    s.deliver(new Versioned<>("seen", 5));
    List<Versioned<Object>> seen = follow(s);
    s.deliver(new Versioned<>("new", 7));
    s.deliver(new Versioned<>("stale", 6));
    s.deliver(new Versioned<>("newest", 8));

    awaitLast(seen, 8);
    assertThat(seen).extracting(Versioned::version).isSorted().doesNotContain(3L, 5L, 6L);
    assertThat(seen.getLast().row()).isEqualTo("newest");
  }

  @Test
  void aLateSubscriberIsHandedTheRowAsLastRead() {
    Reads reads = new Reads();
    RowWatch watch = new RowWatch(reads::read);
    watch.add(new RowWatch.Subscriber(0));
    watch.refresh();
    reads.answer(4);

    RowWatch.Subscriber late = new RowWatch.Subscriber(0);
    watch.add(late);
    List<Versioned<Object>> seen = follow(late);

    awaitSize(seen, 1);
    assertThat(seen.getFirst().version()).isEqualTo(4);
  }

  @Test
  void theWatchIsDroppedWithItsLastSubscriber() {
    RowWatch watch = new RowWatch(new Reads()::read);
    RowWatch.Subscriber a = new RowWatch.Subscriber(0);
    RowWatch.Subscriber b = new RowWatch.Subscriber(0);
    watch.add(a);
    watch.add(b);

    assertThat(watch.remove(a)).isSameAs(watch);
    assertThat(watch.remove(b)).isNull();
  }

  @Test
  void aResyncReadsAgainOnlyTheRowsNewerThanWhatTheirWatchesLastRead() {
    Reads reads = new Reads();
    RowWatch upToDate = new RowWatch(reads::read);
    RowWatch behind = new RowWatch(reads::read);
    RowWatch neverRead = new RowWatch(reads::read);
    RowWatch noRow = new RowWatch(reads::read);
    upToDate.refresh();
    reads.answer(3);
    behind.refresh();
    reads.answer(3);
    assertThat(upToDate.lastVersion()).isEqualTo(3);
    assertThat(neverRead.lastVersion()).isEqualTo(-1);

    List<RowWatch> changed =
        ViewChanges.changed(
            List.of(
                Map.entry(new RowWatch.Id("balances", "a"), upToDate),
                Map.entry(new RowWatch.Id("balances", "b"), behind),
                Map.entry(new RowWatch.Id("balances", "c"), neverRead),
                Map.entry(new RowWatch.Id("balances", "d"), noRow)),
            Map.of("a", 3L, "b", 4L, "c", 1L));

    // A lost notice left "b" behind, and "c" was written after its watch found no row.
    assertThat(changed).containsExactly(behind, neverRead);
  }
}
