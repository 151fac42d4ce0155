package io.acta.bench.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The reference of scenario 6: reads every event of some tags from the start, as a projection's
 * source does ({@code currentEventsByTag} of pekko-persistence-cassandra, payloads deserialized),
 * one stream per tag, all at once, and only counts them: no fold, no view writes, no offsets.
 */
public final class RawTagReader {
  private RawTagReader() {}

  /**
   * How many events {@code tags} hold, read through the Cassandra read journal of {@code system}.
   *
   * @param progress called with each stream's count when it ends
   */
  public static long count(ActorSystem<?> system, List<String> tags, Consumer<String> progress) {
    CassandraReadJournal journal =
        PersistenceQuery.get(system.classicSystem())
            .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
    List<CompletableFuture<Long>> counts = new ArrayList<>();
    for (String tag : tags) {
      counts.add(
          journal
              .currentEventsByTag(tag, Offset.noOffset())
              .runWith(Sink.fold(0L, (n, envelope) -> n + 1), system)
              .toCompletableFuture()
              .whenComplete(
                  (n, error) ->
                      progress.accept(
                          tag + ": " + (error == null ? n + " events" : "failed: " + error))));
    }
    return counts.stream().mapToLong(CompletableFuture::join).sum();
  }
}
