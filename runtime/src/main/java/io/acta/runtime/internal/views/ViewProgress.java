package io.acta.runtime.internal.views;

import io.acta.api.entity.PersistenceId;
import io.acta.api.view.ViewType;
import io.acta.runtime.spi.OwnedRow;
import io.acta.runtime.spi.ViewStorage;
import java.util.concurrent.CompletionStage;

/**
 * How far a view has processed one source entity, as read-your-writes and the lag report see it.
 *
 * <p>Progress is recorded per source entity once a group's rows are written. A view with a row per
 * entity ({@link ViewType#rowPerEntity()}) records it with the row instead ({@link OwnedRow#seq}),
 * whenever a group writes the row: one write per entity and group, not two. Its progress is the
 * larger of the two.
 */
final class ViewProgress {
  private ViewProgress() {}

  /**
   * The last sequence number of {@code source} that {@code storage} (a view's version) processed.
   */
  static CompletionStage<Long> of(
      ViewStorage store, ViewType<?> type, String storage, String source) {
    CompletionStage<Long> recorded = store.progress(storage, source);
    if (!type.isRowPerEntity()) return recorded;
    String key = PersistenceId.parse(source).entityId();
    return recorded.thenCombine(
        store.readOwned(storage, key, source),
        (seq, row) -> Math.max(seq, row.map(OwnedRow::seq).orElse(0L)));
  }
}
