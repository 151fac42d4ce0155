package io.acta.runtime.internal.entity;

/**
 * What its shard sends an entity to stop it when it is passivated or its shard is handed off (a
 * node leaving, a rebalance). The entity stops once the keyed command in flight, and the commands
 * stashed behind it, have been answered; stopping at once would drop them unanswered (their callers
 * would retry, but only after their timeout). Only ever sent within a node; the serializer knows it
 * all the same, because a node run with {@code serialize-messages = on} (tests) checks every
 * message and would drop it otherwise, and the entity would never stop.
 */
public enum StopEntity {
  INSTANCE;

  /** The envelope the shard delivers; no one waits for a reply. */
  public static final CommandEnvelope ENVELOPE = new CommandEnvelope(INSTANCE, null);
}
