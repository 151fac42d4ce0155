package io.acta.runtime.internal.entity;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the runtime keeps per entity, and snapshots: the user's state, the idempotency keys it
 * remembers, and the fields of a snapshot's state that this code does not know (written by a newer
 * node), which are written back with the next snapshot so that they survive this node.
 *
 * @param failure why the entity could not recover (evolve failed on a stored event), or {@code
 *     null}; never snapshotted, since an entity that failed persists nothing more
 */
public record EntityState<S>(
    S state, IdempotencyLog idempotency, ObjectNode unknownFields, String failure) {

  public EntityState(S state, IdempotencyLog idempotency, ObjectNode unknownFields) {
    this(state, idempotency, unknownFields, null);
  }

  public static <S> EntityState<S> initial(S state) {
    return new EntityState<>(state, IdempotencyLog.EMPTY, null);
  }

  public EntityState<S> withState(S next) {
    return next == state ? this : new EntityState<>(next, idempotency, unknownFields, failure);
  }

  public EntityState<S> withIdempotency(IdempotencyLog next) {
    return new EntityState<>(state, next, unknownFields, failure);
  }

  /** This state, failed for {@code reason}: the entity then answers every command with it. */
  public EntityState<S> failed(String reason) {
    return new EntityState<>(state, idempotency, unknownFields, reason);
  }

  /** Whether the entity failed to recover. */
  public boolean hasFailed() {
    return failure != null;
  }
}
