package io.acta.runtime;

import io.acta.api.view.ViewEvent;

/**
 * An {@link EventFeed} could not hand {@link #event()} over: its status names this event, and an
 * operator may skip it ({@link FeedOperations#skip}) if it can never go.
 */
public final class FeedDeliveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ViewEvent<?> event;

  /** The delivery of {@code event} failed because of {@code cause}. */
  public FeedDeliveryException(ViewEvent<?> event, Throwable cause) {
    super(event.persistenceId() + " #" + event.sequenceNr() + ": " + cause, cause);
    this.event = event;
  }

  /** The event that could not go. */
  public ViewEvent<?> event() {
    return event;
  }
}
