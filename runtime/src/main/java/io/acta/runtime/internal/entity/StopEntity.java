package io.acta.runtime.internal.entity;

/**
 * What its shard sends an entity to stop it when it is passivated or its shard handed off (a node
 * leaving, a rebalance): the entity stops once the keyed command in flight, if any, has been
 * answered, instead of at once, which would drop that command unanswered. Local only: a shard sends
 * it to its own entities, so it is never serialized.
 */
public enum StopEntity {
  INSTANCE;

  /** The envelope the shard delivers; no one waits for a reply. */
  public static final CommandEnvelope ENVELOPE = new CommandEnvelope(INSTANCE, null);
}
