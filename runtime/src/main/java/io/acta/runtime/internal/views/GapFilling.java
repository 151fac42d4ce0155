package io.acta.runtime.internal.views;

import io.acta.runtime.spi.ViewStorage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a group of one slice's events whole and new for its consumer (a view or a reaction): events
 * the consumer's recorded progress already covers are dropped, and events events-by-tag has not
 * delivered are read from the journal and put in their place.
 *
 * <p>Why: events-by-tag can pass over an entity's first events for good. Under load an event's tag
 * row may land after later events of its tag have been read, and a persistence id the query has not
 * seen before is taken to start wherever it is first seen (pekko-persistence-cassandra's {@code
 * new-persistence-id-scan-timeout}; waiting there instead would stall a restarted query on every
 * entity that was idle before it). Every event of an entity carries its slice's tag, so in a slice
 * an entity's sequence numbers have no holes: a hole is an event not delivered, and the journal,
 * written before the tag rows, has it. When the late event comes after all, the progress covers it.
 *
 * <p>Keeps the progress it knows per entity in memory, bounded; an entity not held is read once.
 */
final class GapFilling {
  private static final Logger log = LoggerFactory.getLogger(GapFilling.class);

  /** Where the recorded progress of a source is read. */
  interface Progress {
    /**
     * The recorded progress of {@code source}, whose first event in the group at hand is {@code
     * firstDelivered}.
     */
    CompletionStage<Long> of(String source, long firstDelivered);
  }

  /** Where a source's events are read from the journal ({@link ViewStorage#journalEvents}). */
  interface Journal {
    CompletionStage<List<EventEnvelope<Object>>> events(String source, long fromSeq, long toSeq);
  }

  private final Progress progress;
  private final Journal journal;
  private final String progressName;
  private final int capacity;
  private final int inFlight;
  private volatile Recent<String, Long> recorded;

  GapFilling(ViewStorage store, String progressName, int capacity, int inFlight) {
    this(
        (source, firstDelivered) -> store.progress(progressName, source),
        store::journalEvents,
        progressName,
        capacity,
        inFlight);
  }

  GapFilling(Progress progress, Journal journal, String progressName, int capacity, int inFlight) {
    this.progress = progress;
    this.journal = journal;
    this.progressName = progressName;
    this.capacity = capacity;
    this.inFlight = inFlight;
    this.recorded = new Recent<>(capacity);
  }

  /** Forgets what it knows: a new run of the projection reads progress again. */
  void reset() {
    recorded = new Recent<>(capacity);
  }

  /**
   * Whether every entity this run has seen is still known here: none was forgotten to stay within
   * capacity, so an entity asked about through {@link Progress} is one the run has not seen.
   */
  boolean rememberedAll() {
    return !recorded.forgotAny();
  }

  /** The progress recorded for {@code source} as far as known here: a lower bound, 0 if unknown. */
  long recorded(String source) {
    Long seq = recorded.get(source);
    return seq == null ? 0 : seq;
  }

  /** Notes progress just recorded for a group. */
  void recorded(Map<String, Long> progress) {
    progress.forEach(
        (source, seq) -> {
          if (recorded(source) < seq) recorded.put(source, seq);
        });
  }

  /**
   * The group without the events already processed, with those not delivered before each event that
   * follows a hole.
   */
  CompletionStage<List<EventEnvelope<Object>>> complete(List<EventEnvelope<Object>> group) {
    Map<String, Long> firstDelivered = new LinkedHashMap<>();
    group.forEach(e -> firstDelivered.merge(e.persistenceId(), e.sequenceNr(), Math::min));
    return known(firstDelivered).thenCompose(d -> fill(group));
  }

  /** Events of {@code source} from {@code from} to {@code to} its tag did not deliver. */
  private record Hole(String source, long from, long to) {}

  private CompletionStage<List<EventEnvelope<Object>>> fill(List<EventEnvelope<Object>> group) {
    Map<String, Long> last = new HashMap<>();
    // The group as it will be: delivered events, and holes before the events that follow them.
    List<Object> whole = new ArrayList<>();
    List<Hole> holes = new ArrayList<>();
    for (EventEnvelope<Object> e : group) {
      String pid = e.persistenceId();
      long before = last.computeIfAbsent(pid, this::recorded);
      if (e.sequenceNr() <= before) continue; // processed already: delivered again
      if (e.sequenceNr() > before + 1) {
        Hole hole = new Hole(pid, before + 1, e.sequenceNr() - 1);
        holes.add(hole);
        whole.add(hole);
      }
      whole.add(e);
      last.put(pid, e.sequenceNr());
    }
    if (holes.isEmpty()) return CompletableFuture.completedFuture(delivered(whole));
    return InFlight.run(holes, inFlight, this::missing)
        .thenApply(
            found -> {
              Map<Hole, List<EventEnvelope<Object>>> byHole = new HashMap<>();
              for (int i = 0; i < holes.size(); i++) byHole.put(holes.get(i), found.get(i));
              List<EventEnvelope<Object>> out = new ArrayList<>();
              for (Object part : whole) {
                if (part instanceof Hole h) out.addAll(byHole.get(h));
                else out.add(envelope(part));
              }
              return out;
            });
  }

  private static List<EventEnvelope<Object>> delivered(List<Object> whole) {
    return whole.stream().map(GapFilling::envelope).toList();
  }

  @SuppressWarnings("unchecked")
  private static EventEnvelope<Object> envelope(Object part) {
    return (EventEnvelope<Object>) part;
  }

  private CompletionStage<List<EventEnvelope<Object>>> missing(Hole hole) {
    log.debug(
        "{}: events {} to {} of {} were not delivered by their tag; read from the journal",
        progressName,
        hole.from(),
        hole.to(),
        hole.source());
    return missing(hole.source(), hole.from(), hole.to());
  }

  private CompletableFuture<List<EventEnvelope<Object>>> missing(String pid, long from, long to) {
    return journal
        .events(pid, from, to)
        .thenApply(
            events -> {
              if (events.size() != to - from + 1) {
                // Deleted from the journal (kept in the tag), or not there at all: nothing to add.
                log.warn(
                    "{}: the journal holds {} of events {} to {} of {}, which their tag did not"
                        + " deliver",
                    progressName,
                    events.size(),
                    from,
                    to,
                    pid);
              }
              return events;
            })
        .toCompletableFuture();
  }

  private CompletionStage<Void> known(Map<String, Long> firstDelivered) {
    List<String> unknown =
        firstDelivered.keySet().stream().filter(s -> !recorded.contains(s)).toList();
    return InFlight.run(
            unknown,
            inFlight,
            source ->
                progress
                    .of(source, firstDelivered.get(source))
                    .thenAccept(seq -> recorded.put(source, seq)))
        .thenApply(d -> null);
  }
}
