package io.acta.runtime.spi;

/**
 * A row with a single writer ({@link io.acta.api.view.ViewType#rowPerEntity()}), as stored: the
 * row, its version (one more with each change) and the last sequence number of its entity it has
 * applied, which is all the bookkeeping such a row needs to recognise an event delivered again.
 *
 * @param <V> the row type
 */
public record OwnedRow<V>(V row, long version, long seq) {}
