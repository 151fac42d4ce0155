package io.acta.api.entity;

import java.time.Duration;

/**
 * No reply came within the ask timeout. The command may or may not have been persisted: retry it
 * with the same idempotency key to be sure it takes effect once.
 */
public final class CommandTimeoutException extends ActaException {
  public CommandTimeoutException(
      String entityType, String entityId, Duration timeout, Throwable cause) {
    super(
        "no reply from " + entityType + " '" + entityId + "' within " + timeout.toMillis() + " ms",
        cause);
  }
}
