package io.acta.runtime.internal.entity;

import io.acta.api.spi.Outcome;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A user command on its way to an entity, with where the outcome goes: the runtime's own reply
 * channel.
 */
public record CommandEnvelope(Object command, ActorRef<Outcome> replyTo) implements EntityMessage {}
