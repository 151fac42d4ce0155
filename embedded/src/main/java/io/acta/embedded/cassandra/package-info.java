/**
 * Starts a real Apache Cassandra server in a child JVM for dev mode and integration tests: see
 * {@link io.acta.embedded.cassandra.EmbeddedCassandra}.
 */
package io.acta.embedded.cassandra;
