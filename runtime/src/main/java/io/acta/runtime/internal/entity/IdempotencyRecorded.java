package io.acta.runtime.internal.entity;

/**
 * Stored atomically after the events of a command that carried an idempotency key, so that the key
 * and its reply are known again after recovery. Never handed to user code.
 *
 * @param key the caller's idempotency key
 * @param fingerprint identifies the command, so that a key reused for another command is refused
 * @param reply the reply the caller got
 * @param atMillis when it was accepted (epoch millis); the window is measured from here
 */
public record IdempotencyRecorded(String key, String fingerprint, Object reply, long atMillis) {

  /**
   * Whether a journal entry is one of the entity's own events rather than a runtime record: the one
   * test every reader of journals (views, handlers, the journal API) applies.
   */
  public static boolean isUserEvent(Object journalEntry) {
    return !(journalEntry instanceof IdempotencyRecorded);
  }
}
