package io.acta.runtime.internal.entity;

import io.acta.api.spi.Outcome;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A user command on its way to an entity, with where the outcome goes (the runtime's own reply
 * channel) and the W3C {@code traceparent} of the trace that sent it, null when none did.
 */
public record CommandEnvelope(Object command, ActorRef<Outcome> replyTo, String traceparent)
    implements EntityMessage {

  /** An envelope outside any trace. */
  public CommandEnvelope(Object command, ActorRef<Outcome> replyTo) {
    this(command, replyTo, null);
  }
}
