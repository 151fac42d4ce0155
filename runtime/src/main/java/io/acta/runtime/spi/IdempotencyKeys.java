package io.acta.runtime.spi;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * A store's index of the idempotency keys entities accepted, so that every key is recognised for
 * its whole window however many an entity takes, without the entity holding them in memory, in
 * snapshots or in recovery.
 *
 * <p>The entity notes a key here <em>before</em> it persists the command's events, with the
 * sequence number at which the key's record (stored atomically with the events) will be. A key
 * found here is therefore only a claim: the persist may have failed after the note. The runtime
 * verifies every claim against the journal (the record at that sequence number must be this key's)
 * before it answers a command as a repeat, so an implementation needs no atomicity with the journal
 * — only that a note, once acknowledged, is seen by every later {@link #find} (read and write at a
 * quorum) until its time to live has passed.
 */
public interface IdempotencyKeys {

  /**
   * The sequence number noted for {@code key} of entity {@code persistenceId}, if it was noted
   * within its time to live; empty when the key is unknown.
   */
  CompletionStage<OptionalLong> find(String persistenceId, String key);

  /**
   * Notes that the record of {@code key} will be persisted at {@code sequenceNr}, replacing any
   * earlier note of the key; the note may be forgotten once {@code timeToLive} has passed.
   */
  CompletionStage<Void> note(
      String persistenceId, String key, long sequenceNr, Duration timeToLive);
}
