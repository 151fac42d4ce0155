package io.acta.runtime.internal.memory;

import com.typesafe.config.Config;
import java.util.Optional;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.snapshot.japi.SnapshotStore;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import scala.concurrent.Future;

/**
 * A snapshot store in memory, for unit tests only; like {@link InMemoryJournal}, it stores
 * serialized.
 */
public final class InMemorySnapshotStore extends SnapshotStore {
  private final InMemoryStore store;
  private final Serialization serialization;

  public InMemorySnapshotStore(Config config) {
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
  public Future<Optional<SelectedSnapshot>> doLoadAsync(
      String persistenceId, SnapshotSelectionCriteria criteria) {
    var snapshots = store.snapshotsOf(persistenceId);
    InMemoryStore.StoredSnapshot found = null;
    synchronized (snapshots) {
      for (var s : snapshots.descendingMap().values()) {
        if (matches(s, criteria)) {
          found = s;
          break;
        }
      }
    }
    if (found == null) return Futures.successful(Optional.empty());
    try {
      Object state = found.payload().read(serialization);
      var metadata = new SnapshotMetadata(persistenceId, found.sequenceNr(), found.timestamp());
      return Futures.successful(Optional.of(SelectedSnapshot.create(metadata, state)));
    } catch (RuntimeException e) {
      return Futures.failed(e);
    }
  }

  @Override
  public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
    var payload = InMemoryStore.Serialized.of(serialization, snapshot);
    var snapshots = store.snapshotsOf(metadata.persistenceId());
    synchronized (snapshots) {
      snapshots.put(
          metadata.sequenceNr(),
          new InMemoryStore.StoredSnapshot(metadata.sequenceNr(), metadata.timestamp(), payload));
    }
    return Futures.successful(null);
  }

  @Override
  public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
    var snapshots = store.snapshotsOf(metadata.persistenceId());
    synchronized (snapshots) {
      snapshots.remove(metadata.sequenceNr());
    }
    return Futures.successful(null);
  }

  @Override
  public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    var snapshots = store.snapshotsOf(persistenceId);
    synchronized (snapshots) {
      snapshots.values().removeIf(s -> matches(s, criteria));
    }
    return Futures.successful(null);
  }

  private static boolean matches(InMemoryStore.StoredSnapshot s, SnapshotSelectionCriteria c) {
    return s.sequenceNr() <= c.maxSequenceNr()
        && s.sequenceNr() >= c.minSequenceNr()
        && s.timestamp() <= c.maxTimestamp()
        && s.timestamp() >= c.minTimestamp();
  }
}
