package io.acta.runtime.internal.entity;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the runtime keeps per entity, and snapshots: the user's state, the idempotency keys it
 * remembers, and the fields of a snapshot's state that this code does not know (written by a newer
 * node), which are written back with the next snapshot so that they survive this node.
 */
public record EntityState<S>(S state, IdempotencyLog idempotency, ObjectNode unknownFields) {

  public static <S> EntityState<S> initial(S state) {
    return new EntityState<>(state, IdempotencyLog.EMPTY, null);
  }

  public EntityState<S> withState(S next) {
    return next == state ? this : new EntityState<>(next, idempotency, unknownFields);
  }

  public EntityState<S> withIdempotency(IdempotencyLog next) {
    return new EntityState<>(state, next, unknownFields);
  }
}
