/**
 * Implementation of {@link io.acta.embedded.cassandra.EmbeddedCassandra}: the server's files
 * (cassandra.yaml, logging, JVM options) and what the shared helpers of {@code
 * io.acta.embedded.internal} need to know about Cassandra. Not an API; public only so that the
 * tests can reach it.
 */
package io.acta.embedded.cassandra.internal;
