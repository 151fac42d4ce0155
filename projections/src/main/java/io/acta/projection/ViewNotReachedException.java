package io.acta.projection;

import io.acta.entity.ActaException;
import io.acta.entity.WritePosition;
import java.time.Duration;

/** A view had not processed a write position within the time a read-your-writes query allowed. */
public final class ViewNotReachedException extends ActaException {
  public ViewNotReachedException(String view, WritePosition position, Duration timeout) {
    super("view '" + view + "' has not reached " + position.persistenceId() + " #" + position.sequenceNr()
        + " within " + timeout.toMillis() + " ms");
  }
}
