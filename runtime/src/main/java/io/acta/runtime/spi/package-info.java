/**
 * The service provider interface between the runtime and the stores it runs on: for modules that
 * implement a store (such as {@code acta-cassandra}), not for services. A store registers a {@link
 * io.acta.runtime.spi.StoreProvider} through {@link java.util.ServiceLoader}; the node picks the
 * one named by {@code acta.persistence.store}. Types here may name Pekko types: a store is written
 * against Pekko Persistence and Pekko Projections.
 */
package io.acta.runtime.spi;
