package io.acta.runtime.internal.views;

import io.acta.runtime.spi.ViewStorage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of one slice for a view with a row per entity, read entity by entity from the journal
 * while the projection has no offset (a view's first start, a rebuild into a new version), then
 * from events-by-tag.
 *
 * <p>Why: events-by-tag delivers a slice's events in time order, entities interleaved, so a group
 * of 10,000 events of a busy slice touches thousands of rows, each written once per group for a few
 * of its events. Read entity after entity, the same group holds whole entities and writes one row
 * per entity (a hundred rows for entities of a hundred events).
 *
 * <p>Why nothing is missed: the reading begins at a moment {@code T}; every event written before
 * {@code T} less events-by-tag's look-back (its bound on how late an event may become readable) is
 * in the journal when its entity is read, and events-by-tag then continues from {@code T} as from a
 * stored offset, that is from the look-back before it, so it delivers every later event. An event
 * that comes both ways is recognized by its row's sequence number, as after any restart. An entity
 * whose id is listed but whose journal is empty is being created (its events come by their tag); an
 * entity whose journal does not begin at its first event (events deleted, which Acta never does)
 * ends the reading, and events-by-tag from its start takes over.
 *
 * <p>The events read from the journal carry the offset {@link #READING}, which the projection
 * stores after their groups: restarted with it, it reads the journal again (what it wrote is
 * recognized), and never starts events-by-tag past events it has not read.
 */
final class JournalReplay extends EnvelopeSource {
  private static final Logger log = LoggerFactory.getLogger(JournalReplay.class);

  /** The offset of events read from the journal: "no offset yet, reading the journal". */
  static final Offset READING = Offset.sequence(0);

  /**
   * How many events of one entity are read, and held, at once: with {@code inFlight} entities read
   * ahead, at most that many times this many events wait in memory.
   */
  static final int CHUNK = 1_000;

  /** Every how many events read the log tells how far the reading is. */
  private static final long PROGRESS_EVERY = 100_000;

  /** What the reading needs of the store; {@link ViewStorage} has it all. */
  interface Journal {
    /** See {@link ViewStorage#persistenceIds}. */
    Optional<Source<String, NotUsed>> persistenceIds();

    /** See {@link ViewStorage#journalEvents}. */
    CompletionStage<List<EventEnvelope<Object>>> journalEvents(
        String persistenceId, long fromSeq, long toSeq);

    /** See {@link ViewStorage#offsetAt}. */
    Offset offsetAt(Instant time);

    /** The store's own. */
    static Journal of(ViewStorage storage) {
      return new Journal() {
        @Override
        public Optional<Source<String, NotUsed>> persistenceIds() {
          return storage.persistenceIds();
        }

        @Override
        public CompletionStage<List<EventEnvelope<Object>>> journalEvents(
            String persistenceId, long fromSeq, long toSeq) {
          return storage.journalEvents(persistenceId, fromSeq, toSeq);
        }

        @Override
        public Offset offsetAt(Instant time) {
          return storage.offsetAt(time);
        }
      };
    }
  }

  private final SourceProvider<Offset, EventEnvelope<Object>> byTag;
  private final Journal storage;
  private final Predicate<String> inSlice;
  private final int inFlight;
  private final String what;
  private final Supplier<Instant> clock;

  /**
   * @param byTag the slice's events-by-tag, which takes over
   * @param inSlice whether a persistence id belongs to the slice
   * @param inFlight how many entities are read ahead
   * @param what names the view and the slice in the log
   */
  JournalReplay(
      SourceProvider<Offset, EventEnvelope<Object>> byTag,
      Journal storage,
      Predicate<String> inSlice,
      int inFlight,
      String what,
      Supplier<Instant> clock) {
    this.byTag = byTag;
    this.storage = storage;
    this.inSlice = inSlice;
    this.inFlight = inFlight;
    this.what = what;
    this.clock = clock;
  }

  @Override
  public CompletionStage<Source<EventEnvelope<Object>, NotUsed>> source(
      Supplier<CompletionStage<Optional<Offset>>> offset) {
    return offset
        .get()
        .thenCompose(
            stored -> {
              boolean reading = stored.isEmpty() || stored.get().equals(READING);
              if (!reading) return byTag.source(() -> done(stored));
              Optional<Source<String, NotUsed>> ids = storage.persistenceIds();
              if (ids.isEmpty()) return byTag.source(() -> done(Optional.empty()));
              return done(readThenTag(ids.get()));
            });
  }

  private Source<EventEnvelope<Object>, NotUsed> readThenTag(Source<String, NotUsed> ids) {
    Instant from = clock.get();
    AtomicReference<Optional<Offset>> handOver =
        new AtomicReference<>(Optional.of(storage.offsetAt(from)));
    AtomicLong entities = new AtomicLong();
    AtomicLong events = new AtomicLong();
    log.debug("{}: no offset yet, reading the slice's entities from the journal", what);
    Source<EventEnvelope<Object>, NotUsed> journal =
        ids.filter(inSlice::test)
            .mapAsync(
                inFlight,
                id ->
                    storage.journalEvents(id, 1, CHUNK).thenApply(first -> Pair.create(id, first)))
            .takeWhile(
                read -> {
                  List<EventEnvelope<Object>> first = read.second();
                  if (first.isEmpty() || first.get(0).sequenceNr() == 1) return true;
                  log.warn(
                      "{}: the journal of {} begins at event {}, not its first: events-by-tag from"
                          + " its start takes over",
                      what,
                      read.first(),
                      first.get(0).sequenceNr());
                  handOver.set(Optional.empty());
                  return false;
                })
            .flatMapConcat(read -> entity(read.first(), read.second()))
            .map(
                e -> {
                  if (e.sequenceNr() == 1) entities.incrementAndGet();
                  long n = events.incrementAndGet();
                  if (n % PROGRESS_EVERY == 0)
                    log.info("{}: read {} events from the journal so far", what, n);
                  return EventEnvelope.create(
                      READING, e.persistenceId(), e.sequenceNr(), e.event(), e.timestamp());
                });
    Source<EventEnvelope<Object>, NotUsed> tag =
        Source.lazyCompletionStageSource(
                () -> {
                  // Quiet for a slice without entities: every view's first start on a new store.
                  if (events.get() > 0 || handOver.get().isEmpty())
                    log.info(
                        "{}: read {} entities, {} events, from the journal; events-by-tag from {}"
                            + " on",
                        what,
                        entities.get(),
                        events.get(),
                        handOver.get().isPresent() ? from : "the start");
                  Optional<Offset> at = handOver.get();
                  return byTag
                      .source(() -> done(at))
                      .thenApply(
                          tagged ->
                              at.isEmpty()
                                  ? tagged
                                  : Source.single(handOver(at.get(), from)).concat(tagged));
                })
            .mapMaterializedValue(m -> NotUsed.getInstance());
    // concatLazy: the hand-over offset is known only once the journal's events are all read.
    return journal.concatLazy(tag);
  }

  /**
   * What the envelope marking the hand-over to events-by-tag carries: no entity's event. Its offset
   * (the moment the reading began), stored once its group is handled, is where a restart resumes,
   * also when events-by-tag has nothing to deliver after it (an idle journal at the end of a
   * rebuild): without it the slice would keep {@link #READING} and count as not caught up.
   */
  enum HandOver {
    INSTANCE
  }

  /** Whether {@code envelope} only marks the hand-over: its consumer passes over it. */
  static boolean isHandOver(EventEnvelope<Object> envelope) {
    return envelope.event() == HandOver.INSTANCE;
  }

  private static EventEnvelope<Object> handOver(Offset at, Instant began) {
    return EventEnvelope.create(at, "", 0L, HandOver.INSTANCE, began.toEpochMilli());
  }

  /** One entity's events: those read already, then the rest a chunk at a time. */
  private Source<EventEnvelope<Object>, NotUsed> entity(
      String id, List<EventEnvelope<Object>> first) {
    Source<EventEnvelope<Object>, NotUsed> read = Source.from(first);
    if (first.size() < CHUNK) return read;
    Source<EventEnvelope<Object>, NotUsed> rest =
        Source.unfoldAsync(
                first.getLast().sequenceNr() + 1,
                next ->
                    storage
                        .journalEvents(id, next, next + CHUNK - 1)
                        .thenApply(
                            chunk ->
                                chunk.isEmpty()
                                    ? Optional.empty()
                                    : Optional.of(
                                        Pair.create(chunk.getLast().sequenceNr() + 1, chunk))))
            .mapConcat(chunk -> chunk);
    return read.concat(rest);
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
