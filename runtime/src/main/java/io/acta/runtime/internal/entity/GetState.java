package io.acta.runtime.internal.entity;

/**
 * The runtime's own query of an entity's current state (for HTTP and operations); persists nothing.
 */
public enum GetState {
  INSTANCE
}
