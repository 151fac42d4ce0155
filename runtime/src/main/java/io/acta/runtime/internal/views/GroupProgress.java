package io.acta.runtime.internal.views;

import io.acta.runtime.spi.ViewStorage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The progress a handled group of events leaves behind: per source entity, the last sequence number
 * handled, written at most {@code inFlight} at a time once the group's own work is done (views and
 * reactions alike).
 */
final class GroupProgress {
  private GroupProgress() {}

  /** Records {@code progress} (source persistence id to sequence number) under {@code name}. */
  static CompletableFuture<Void> record(
      ViewStorage store, String name, Map<String, Long> progress, int inFlight) {
    return InFlight.run(
            List.copyOf(progress.entrySet()),
            inFlight,
            p -> store.recordProgress(name, p.getKey(), p.getValue()))
        .thenApply(d -> null);
  }
}
