/**
 * Starts a real Apache Cassandra server in a child JVM for dev mode and integration tests:
 * see {@link io.acta.cassandra.embedded.EmbeddedCassandra}.
 */
package io.acta.cassandra.embedded;
