package io.acta.tests.architecture.breach;

import io.acta.runtime.internal.memory.InMemoryStore;

/**
 * A deliberate breach for ArchitectureTest: a class of another module using the runtime's
 * internals.
 */
public final class ReachesIntoRuntime {
  private ReachesIntoRuntime() {}

  /** Counts events the way only the runtime itself may. */
  public static int events(String persistenceId) {
    return InMemoryStore.get("default").eventCount(persistenceId);
  }
}
