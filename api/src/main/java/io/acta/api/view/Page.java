package io.acta.api.view;

import java.util.List;

/**
 * One page of a view's rows, in key order.
 *
 * @param rows the rows of this page
 * @param next the key to pass as {@code after} for the next page; {@code null} on the last page
 * @param <V> the row type
 */
public record Page<V>(List<Keyed<V>> rows, String next) {

  /**
   * A row with its key.
   *
   * @param key the row's key
   * @param row the row
   * @param <V> the row type
   */
  public record Keyed<V>(String key, V row) {}
}
