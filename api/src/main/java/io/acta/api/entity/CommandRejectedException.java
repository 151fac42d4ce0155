package io.acta.api.entity;

/** The entity refused the command; {@link #rejection()} says why. Nothing was persisted. */
public final class CommandRejectedException extends ActaException {
  private final Rejection rejection;

  public CommandRejectedException(Rejection rejection) {
    super(rejection.reason(), null);
    this.rejection = rejection;
  }

  /** The entity's reason. */
  public Rejection rejection() {
    return rejection;
  }

  // A rejection is an answer, not a fault: no stack trace to fill in.
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
