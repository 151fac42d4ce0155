package io.acta.runtime.internal.memory;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.Tagged;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A journal in memory, for unit tests only: data lives as long as the JVM, under the configured
 * {@code store-id}; every event is serialized on write and deserialized on replay.
 */
public final class InMemoryJournal extends AsyncWriteJournal {
  private final InMemoryStore store;
  private final Serialization serialization;

  public InMemoryJournal(Config config) {
    // One store id for journal and snapshots alike, so they can never point at different data.
    this.store =
        InMemoryStore.get(
            context()
                .system()
                .settings()
                .config()
                .getString("acta.persistence.in-memory.store-id"));
    this.serialization = SerializationExtension.get(context().system());
  }

  @Override
  public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(
      Iterable<AtomicWrite> messages) {
    List<Optional<Exception>> results = new ArrayList<>();
    for (AtomicWrite write : messages) {
      try {
        var serialized = new ArrayList<InMemoryStore.StoredEvent>();
        for (PersistentRepr repr : CollectionConverters.asJava(write.payload())) {
          Object payload = repr.payload();
          Set<String> tags = Set.of();
          if (payload instanceof Tagged tagged) {
            payload = tagged.payload();
            tags = Set.copyOf(CollectionConverters.asJava(tagged.tags()));
          }
          serialized.add(
              new InMemoryStore.StoredEvent(
                  repr.sequenceNr(),
                  InMemoryStore.Serialized.of(serialization, payload),
                  repr.writerUuid(),
                  repr.manifest(),
                  System.currentTimeMillis(),
                  tags));
        }
        var log = store.eventsOf(write.persistenceId());
        synchronized (log) {
          for (var e : serialized) log.put(e);
        }
        results.add(Optional.empty());
      } catch (RuntimeException e) {
        // A payload that does not serialize rejects its write, and only that one: the entity lives
        // on.
        results.add(Optional.of(e));
      }
    }
    return Futures.successful(results);
  }

  @Override
  public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
    var log = store.eventsOf(persistenceId);
    synchronized (log) {
      long to = Math.min(toSequenceNr, log.highest());
      log.deleteTo(to);
      store.highestDeleted.merge(persistenceId, to, Math::max);
    }
    return Futures.successful(null);
  }

  @Override
  public Future<Void> doAsyncReplayMessages(
      String persistenceId,
      long fromSequenceNr,
      long toSequenceNr,
      long max,
      Consumer<PersistentRepr> replayCallback) {
    List<InMemoryStore.StoredEvent> selected;
    var log = store.eventsOf(persistenceId);
    synchronized (log) {
      selected = log.range(fromSequenceNr, toSequenceNr, max);
    }
    try {
      for (var e : selected) {
        Object payload = e.payload().read(serialization);
        replayCallback.accept(
            PersistentRepr.apply(
                payload,
                e.sequenceNr(),
                persistenceId,
                e.adapterManifest(),
                false,
                null,
                e.writerUuid()));
      }
      return Futures.successful(null);
    } catch (RuntimeException e) {
      return Futures.failed(e);
    }
  }

  @Override
  public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    var log = store.eventsOf(persistenceId);
    synchronized (log) {
      long deleted = store.highestDeleted.getOrDefault(persistenceId, 0L);
      return Futures.successful(Math.max(deleted, log.highest()));
    }
  }
}
