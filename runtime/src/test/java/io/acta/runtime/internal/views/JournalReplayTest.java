package io.acta.runtime.internal.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.runtime.fixtures.TestSystems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A view's slice without an offset reads its entities from the journal, whole and one after the
 * other, then hands over to events-by-tag from the moment it began; with an offset, events-by-tag
 * alone. The journal, the id list and events-by-tag are fakes that record what was asked of them.
 */
class JournalReplayTest {
  private static final ActorSystem<Void> system = TestSystems.plain("journal-replay-test");
  private static final Instant BEGAN = Instant.parse("2026-12-06T10:00:00Z");
  private static final Offset TAGGED = Offset.sequence(99);

  @AfterAll
  static void stop() {
    system.terminate();
  }

  /** A journal of entities with 1..n events each, in the order their ids are listed. */
  private final Map<String, Integer> entities = new LinkedHashMap<>();

  private final List<String> reads = new CopyOnWriteArrayList<>();
  private final List<Optional<Offset>> tagStartedFrom = new CopyOnWriteArrayList<>();
  private boolean listsIds = true;
  private long firstKept = 1;

  private final JournalReplay.Journal journal =
      new JournalReplay.Journal() {
        @Override
        public Optional<Source<String, NotUsed>> persistenceIds() {
          return listsIds
              ? Optional.of(Source.from(List.copyOf(entities.keySet())))
              : Optional.empty();
        }

        @Override
        public CompletionStage<List<EventEnvelope<Object>>> journalEvents(
            String persistenceId, long fromSeq, long toSeq) {
          reads.add(persistenceId + ":" + fromSeq + "-" + toSeq);
          List<EventEnvelope<Object>> out = new ArrayList<>();
          long last = Math.min(toSeq, entities.getOrDefault(persistenceId, 0));
          for (long seq = Math.max(fromSeq, firstKept); seq <= last; seq++)
            out.add(EventEnvelope.create(Offset.sequence(seq), persistenceId, seq, "e" + seq, 0L));
          return CompletableFuture.completedFuture(out);
        }

        @Override
        public Offset offsetAt(Instant time) {
          return Offset.sequence(time.toEpochMilli());
        }
      };

  /** Events-by-tag: one event, from whatever offset it is given. */
  private final SourceProvider<Offset, EventEnvelope<Object>> byTag =
      new EnvelopeSource() {
        @Override
        public CompletionStage<Source<EventEnvelope<Object>, NotUsed>> source(
            Supplier<CompletionStage<Optional<Offset>>> offset) {
          return offset
              .get()
              .thenApply(
                  from -> {
                    tagStartedFrom.add(from);
                    return Source.single(
                        EventEnvelope.<Object>create(TAGGED, "account|late", 1, "tagged", 0L));
                  });
        }
      };

  private List<EventEnvelope<Object>> run(Optional<Offset> stored) {
    JournalReplay replay =
        new JournalReplay(
            byTag, journal, id -> id.startsWith("account|"), 4, "test view", () -> BEGAN);
    return replay
        .source(() -> CompletableFuture.completedFuture(stored))
        .thenCompose(source -> source.runWith(Sink.seq(), system))
        .toCompletableFuture()
        .join();
  }

  private static List<String> events(List<EventEnvelope<Object>> out) {
    return out.stream().map(e -> e.persistenceId() + "#" + e.sequenceNr()).toList();
  }

  @Test
  void withoutAnOffsetEachEntityOfTheSliceComesWholeThenEventsByTagFromWhenTheReadingBegan() {
    entities.put("account|a", 3);
    entities.put("other|x", 2);
    entities.put("account|b", 2);

    List<EventEnvelope<Object>> out = run(Optional.empty());

    assertThat(events(out))
        .containsExactly(
            "account|a#1",
            "account|a#2",
            "account|a#3",
            "account|b#1",
            "account|b#2",
            "#0",
            "account|late#1");
    // Stored after a group, the journal's events' offset means "read the journal again".
    assertThat(out.subList(0, 5))
        .extracting(EventEnvelope::offset)
        .containsOnly(JournalReplay.READING);
    // Then the hand-over, whose offset is stored even if events-by-tag never delivers anything.
    assertThat(JournalReplay.isHandOver(out.get(5))).isTrue();
    assertThat(out.get(5).offset()).isEqualTo(journal.offsetAt(BEGAN));
    assertThat(out.get(6).offset()).isEqualTo(TAGGED);
    assertThat(tagStartedFrom).containsExactly(Optional.of(journal.offsetAt(BEGAN)));
    assertThat(reads).noneMatch(r -> r.startsWith("other|"));
  }

  @Test
  void anEntityLongerThanAChunkIsReadChunkByChunkInOrder() {
    int events = JournalReplay.CHUNK * 2 + 5;
    entities.put("account|long", events);
    entities.put("account|short", 1);

    List<EventEnvelope<Object>> out = run(Optional.empty());

    assertThat(out).hasSize(events + 3);
    for (int i = 0; i < events; i++) assertThat(out.get(i).sequenceNr()).isEqualTo(i + 1);
    assertThat(out.get(events).persistenceId()).isEqualTo("account|short");
    assertThat(reads)
        .filteredOn(r -> r.startsWith("account|long"))
        .hasSize(4); // three chunks with events, then one that finds the end
  }

  @Test
  void aStoredOffsetResumesEventsByTagWithoutReadingTheJournal() {
    entities.put("account|a", 3);

    List<EventEnvelope<Object>> out = run(Optional.of(TAGGED));

    assertThat(events(out)).containsExactly("account|late#1");
    assertThat(reads).isEmpty();
    assertThat(tagStartedFrom).containsExactly(Optional.of(TAGGED));
  }

  @Test
  void aProjectionStoppedWhileReadingTheJournalReadsItAgain() {
    entities.put("account|a", 2);

    List<EventEnvelope<Object>> out = run(Optional.of(JournalReplay.READING));

    assertThat(events(out)).containsExactly("account|a#1", "account|a#2", "#0", "account|late#1");
    assertThat(tagStartedFrom).containsExactly(Optional.of(journal.offsetAt(BEGAN)));
  }

  @Test
  void aJournalThatNoLongerBeginsAtTheFirstEventLeavesEverythingToEventsByTagFromItsStart() {
    entities.put("account|a", 3);
    firstKept = 2; // events deleted from the journal, kept in their tag

    List<EventEnvelope<Object>> out = run(Optional.empty());

    assertThat(events(out)).containsExactly("account|late#1");
    assertThat(tagStartedFrom).containsExactly(Optional.empty());
  }

  @Test
  void aJournalWithoutAListOfIdsLeavesEverythingToEventsByTagFromItsStart() {
    entities.put("account|a", 3);
    listsIds = false;

    List<EventEnvelope<Object>> out = run(Optional.empty());

    assertThat(events(out)).containsExactly("account|late#1");
    assertThat(reads).isEmpty();
    assertThat(tagStartedFrom).containsExactly(Optional.empty());
  }

  @Test
  void anIdListedBeforeItsFirstEventIsWrittenIsLeftToEventsByTag() {
    entities.put("account|new", 0);
    entities.put("account|a", 1);

    List<EventEnvelope<Object>> out = run(Optional.empty());

    assertThat(events(out)).containsExactly("account|a#1", "#0", "account|late#1");
    assertThat(tagStartedFrom).containsExactly(Optional.of(journal.offsetAt(BEGAN)));
  }
}
