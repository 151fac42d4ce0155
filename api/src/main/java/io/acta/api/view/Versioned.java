package io.acta.api.view;

/**
 * A view row with its version: 1 when the row first appeared, one more with each change.
 *
 * @param row the row
 * @param version its version
 * @param <V> the row type
 */
public record Versioned<V>(V row, long version) {}
