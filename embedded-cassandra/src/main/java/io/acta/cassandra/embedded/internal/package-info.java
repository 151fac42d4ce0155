/**
 * Implementation of {@link io.acta.cassandra.embedded.EmbeddedCassandra}: JDK discovery, the
 * server's class path, its files, ports and locks, and the child JVM's main class. Not an API;
 * public only so that the child JVM and the tests can reach it.
 */
package io.acta.cassandra.embedded.internal;
