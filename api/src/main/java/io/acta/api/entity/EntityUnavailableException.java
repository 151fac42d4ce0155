package io.acta.api.entity;

/**
 * The node that hosts the entity cannot take commands now: it is fencing itself, because it was
 * paused (stopped, frozen, starved of CPU) for longer than {@code acta.node.pause-fence} and the
 * cluster may have moved its entities to other nodes meanwhile. The message says whether the
 * command was refused before anything was stored, or whether its outcome is unknown. Either way
 * retry it, on another node, with the same idempotency key: it then takes effect exactly once.
 */
public final class EntityUnavailableException extends ActaException {
  public EntityUnavailableException(String message) {
    super(message);
  }
}
