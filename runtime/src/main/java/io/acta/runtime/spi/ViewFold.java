package io.acta.runtime.spi;

import io.acta.api.view.View;
import io.acta.api.view.ViewEvent;
import io.acta.api.view.ViewType;

/**
 * Runs a view's own {@code keyOf}, {@code initial} and {@code apply} for one event, checking what
 * they return. Shared by the engine and the test kit, so both fold in exactly the same way.
 */
public final class ViewFold<V> {
  private final ViewType<V> type;

  public ViewFold(ViewType<V> type) {
    this.type = type;
  }

  public ViewType<V> type() {
    return type;
  }

  /**
   * The key an event changes, or {@code null} when the view ignores it (or does not read its entity
   * type).
   *
   * @throws IllegalStateException when a view declared {@link ViewType#rowPerEntity()} gives a key
   *     that is not the event's entity id: its rows' single-writer bookkeeping would be wrong
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public String keyOf(ViewEvent<?> event) {
    var source = type.sources().get(event.entityType());
    if (source == null) return null;
    String key = ((View) source.view()).keyOf(event);
    if (key != null && type.isRowPerEntity() && !key.equals(event.entityId())) {
      throw new IllegalStateException(
          "view '"
              + type.name()
              + "' keeps a row per entity, but its keyOf gave '"
              + key
              + "' for an event of entity '"
              + event.entityId()
              + "'");
    }
    return key;
  }

  /** The row a key starts from. */
  public V initial(String key) {
    var first = type.sources().values().iterator().next();
    V row = first.view().initial(key);
    if (row == null)
      throw new IllegalStateException(
          "initial() of view '" + type.name() + "' returned null for " + key);
    return row;
  }

  /** The row after one event. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public V apply(V row, ViewEvent<?> event) {
    var source = type.sources().get(event.entityType());
    V next = (V) ((View) source.view()).apply(row, event);
    if (next == null) {
      throw new IllegalStateException(
          "apply() of view '"
              + type.name()
              + "' returned null for "
              + event.payload().getClass().getSimpleName());
    }
    return next;
  }
}
