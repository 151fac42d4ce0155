package io.acta.api.view;

/**
 * How one entity type's events fold into a view's rows. Pure functions, like an entity's {@code
 * evolve}: the engine may run them again when it rebuilds the view.
 *
 * <pre>{@code
 * public final class Balances implements View<AccountEvent, Balance> {
 *   public String keyOf(ViewEvent<AccountEvent> e) { return e.entityId(); }      // one row per account
 *   public Balance initial(String key) { return new Balance(key, null, 0); }
 *   public Balance apply(Balance row, ViewEvent<AccountEvent> e) {
 *     return switch (e.payload()) { ... };
 *   }
 * }
 * }</pre>
 *
 * @param <E> the source entity type's event type
 * @param <V> the row type, a record named with {@link io.acta.api.entity.TypeName}
 */
public interface View<E, V> {

  /**
   * The key of the row this event changes: the entity id for a row per entity, or any other value
   * to fold many entities into one row (e.g. a currency). {@code null} leaves the view unchanged.
   */
  String keyOf(ViewEvent<E> event);

  /** The row of a key before its first event. */
  V initial(String key);

  /** The row after one event. */
  V apply(V row, ViewEvent<E> event);
}
