package io.acta.embedded.cassandra;

/**
 * Thrown when an {@link EmbeddedCassandra} server cannot be started or stopped: no suitable JDK,
 * missing server jars, a data directory already in use, or a server that exited or did not become
 * ready in time. The message says what went wrong and how to fix it; when the server itself failed
 * it ends with the tail of the server's log.
 */
public class EmbeddedCassandraException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public EmbeddedCassandraException(String message) {
    super(message);
  }

  /** An exception with the given message and cause. */
  public EmbeddedCassandraException(String message, Throwable cause) {
    super(message, cause);
  }
}
