package io.acta.runtime.spi;

import io.acta.api.entity.PersistenceId;
import io.acta.api.entity.TypeName;
import io.acta.runtime.ActaNode;
import io.acta.runtime.internal.StoreSettings;
import io.acta.runtime.internal.entity.IdempotencyRecorded;
import io.acta.runtime.internal.entity.TracedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByTagQuery;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The journal's events as they are persisted, cluster-wide, from a moment on: for operations tools
 * (the console's live tail), not for building state (views and reactions do that, with offsets
 * kept). Reads the store's events-by-tag query, one stream per slice of each entity type, so it
 * costs the store a poll per slice while it runs and nothing once it is cancelled.
 */
public final class EventTail {
  private EventTail() {}

  /** One persisted event, as the tail shows it. */
  public record LiveEvent(
      String entityType,
      String entityId,
      long sequenceNr,
      String typeName,
      Instant timestamp,
      Object event) {}

  /**
   * The events of {@code entityTypes} (every type of the node when empty) persisted from {@code
   * from} on, as they come; empty when the node's store cannot tail its journal.
   *
   * @throws IllegalArgumentException for a type the node does not know
   */
  public static Optional<Source<LiveEvent, NotUsed>> from(
      ActaNode node, Collection<String> entityTypes, Instant from) {
    StoreProvider store = StoreSettings.store(node.config());
    Optional<String> journalId = store.readJournalId();
    Optional<Offset> offset = store.offsetAt(from);
    if (journalId.isEmpty() || offset.isEmpty()) return Optional.empty();
    EventsByTagQuery journal =
        PersistenceQuery.get(node.actorSystem())
            .getReadJournalFor(EventsByTagQuery.class, journalId.get());
    List<String> tags = new ArrayList<>();
    for (String type : entityTypes.isEmpty() ? node.entityTypes() : entityTypes) {
      int slices =
          node.entitySettings(type)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown entity type '" + type + "'; there are " + node.entityTypes()))
              .slices();
      for (int slice = 0; slice < slices; slice++) tags.add(Slices.tag(type, slice));
    }
    Source<LiveEvent, NotUsed> events =
        Source.from(tags)
            .flatMapMerge(Math.max(1, tags.size()), tag -> journal.eventsByTag(tag, offset.get()))
            .filter(e -> IdempotencyRecorded.isUserEvent(e.event()))
            .map(
                e -> {
                  PersistenceId id = PersistenceId.parse(e.persistenceId());
                  Object event = TracedEvent.unwrap(e.event());
                  return new LiveEvent(
                      id.entityType(),
                      id.entityId(),
                      e.sequenceNr(),
                      event.getClass().getAnnotation(TypeName.class).value(),
                      Instant.ofEpochMilli(e.timestamp()),
                      event);
                });
    return Optional.of(events);
  }
}
