/**
 * What the embedded servers share ({@link io.acta.embedded.cassandra.EmbeddedCassandra}, {@link
 * io.acta.embedded.kafka.EmbeddedKafka}): JDK discovery, a server's class path from the local Maven
 * repository, ports, data-directory locks and layout, the child JVM's start, stop and shutdown hook
 * ({@link io.acta.embedded.internal.ServerProcess}) and its main class, which watches the parent.
 * Each helper takes a {@link io.acta.embedded.internal.ServerKind} for its messages and its
 * exception type. Not an API; public only so that the servers' packages, the child JVMs and the
 * tests can reach it.
 */
package io.acta.embedded.internal;
