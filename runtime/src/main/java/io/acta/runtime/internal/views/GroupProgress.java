package io.acta.runtime.internal.views;

import io.acta.runtime.spi.ViewStorage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The progress a handled group of events leaves behind: per source entity, the last sequence number
 * handled, written in parallel once the group's own work is done (views and reactions alike).
 */
final class GroupProgress {
  private GroupProgress() {}

  /** Records {@code progress} (source persistence id to sequence number) under {@code name}. */
  static CompletableFuture<Void> record(
      ViewStorage store, String name, Map<String, Long> progress) {
    return CompletableFuture.allOf(
        progress.entrySet().stream()
            .map(p -> store.recordProgress(name, p.getKey(), p.getValue()).toCompletableFuture())
            .toArray(CompletableFuture[]::new));
  }
}
