package io.acta.persistence.internal;

/**
 * Stored atomically after the events of a command that carried an idempotency key, so that the key and
 * its reply are known again after recovery. Never handed to user code.
 *
 * @param key the caller's idempotency key
 * @param fingerprint identifies the command, so that a key reused for another command is refused
 * @param reply the reply the caller got
 * @param atMillis when it was accepted (epoch millis); the window is measured from here
 */
public record IdempotencyRecorded(String key, String fingerprint, Object reply, long atMillis) {}
