package io.acta.embedded.kafka;

/**
 * Thrown when an {@link EmbeddedKafka} broker cannot be started or stopped: no suitable JDK,
 * missing broker jars, a data directory already in use, storage that cannot be formatted, or a
 * broker that exited or did not become ready in time. The message says what went wrong and how to
 * fix it; when the broker itself failed it ends with the tail of the broker's log.
 */
public class EmbeddedKafkaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public EmbeddedKafkaException(String message) {
    super(message);
  }

  /** An exception with the given message and cause. */
  public EmbeddedKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
