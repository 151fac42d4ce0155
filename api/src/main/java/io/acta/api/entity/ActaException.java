package io.acta.api.entity;

/** The base of the failures the runtime reports to callers; each subtype says what went wrong. */
public class ActaException extends RuntimeException {
  public ActaException(String message) {
    super(message);
  }

  public ActaException(String message, Throwable cause) {
    super(message, cause);
  }
}
