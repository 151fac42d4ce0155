/**
 * How the runtime reads what domain code returns: the implementation of {@link
 * io.acta.api.entity.Effect} and the one interpretation of {@code decide} and {@code evolve} that
 * the runtime and the test kit share. For modules that run entities, not for domain code, which
 * never needs these types.
 */
package io.acta.api.spi;
