/**
 * Implementation of {@link io.acta.embedded.kafka.EmbeddedKafka}: the broker's files
 * (server.properties, logging, JVM options, cluster id) and what the shared helpers of {@code
 * io.acta.embedded.internal} need to know about Kafka. Not an API; public only so that the tests
 * can reach it.
 */
package io.acta.embedded.kafka.internal;
