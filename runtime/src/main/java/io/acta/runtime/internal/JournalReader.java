package io.acta.runtime.internal;

import io.acta.api.entity.PersistenceId;
import io.acta.api.entity.TypeName;
import io.acta.runtime.JournalEvent;
import io.acta.runtime.internal.entity.IdempotencyRecorded;
import io.acta.runtime.internal.entity.TracedEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Reads an entity's journal back through the store's query journal, without the runtime's own
 * records.
 */
public final class JournalReader {
  private JournalReader() {}

  /**
   * Up to {@code limit} events of entity {@code id} of {@code type}, from {@code from} on.
   *
   * @throws IllegalStateException when the node's store has no query journal
   */
  public static CompletionStage<List<JournalEvent>> events(
      ActorSystem<?> system, String type, String id, long from, int limit) {
    String journalId =
        StoreSettings.store(system.settings().config())
            .readJournalId()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "this node's store cannot read journals back (the in-memory store"
                            + " cannot)"));
    CurrentEventsByPersistenceIdQuery journal =
        PersistenceQuery.get(system)
            .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, journalId);
    return journal
        .currentEventsByPersistenceId(PersistenceId.of(type, id).value(), from, Long.MAX_VALUE)
        .filter(e -> IdempotencyRecorded.isUserEvent(e.event()))
        .take(limit)
        .map(
            e -> {
              Object event = TracedEvent.unwrap(e.event());
              return new JournalEvent(
                  e.sequenceNr(),
                  event.getClass().getAnnotation(TypeName.class).value(),
                  Instant.ofEpochMilli(e.timestamp()),
                  event);
            })
        .runWith(Sink.seq(), system);
  }
}
