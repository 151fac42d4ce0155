package io.acta.api.view;

import io.acta.api.entity.ActaException;
import io.acta.api.entity.WritePosition;
import java.time.Duration;

/** A view had not processed a write position within the time a read-your-writes query allowed. */
public final class ViewNotReachedException extends ActaException {
  public ViewNotReachedException(String view, WritePosition position, Duration timeout) {
    super(
        "view '"
            + view
            + "' has not reached "
            + position.persistenceId()
            + " #"
            + position.sequenceNr()
            + " within "
            + timeout.toMillis()
            + " ms");
  }
}
