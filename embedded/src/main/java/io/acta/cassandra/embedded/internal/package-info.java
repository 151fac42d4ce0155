/**
 * Implementation of {@link io.acta.embedded.cassandra.EmbeddedCassandra}: JDK discovery, the
 * server's class path, its files, ports and locks, and the child JVM's main class. Not an API;
 * public only so that the child JVM and the tests can reach it.
 */
package io.acta.embedded.cassandra.internal;
