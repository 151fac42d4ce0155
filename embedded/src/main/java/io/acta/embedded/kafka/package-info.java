/**
 * Starts a real Apache Kafka broker (KRaft mode, no ZooKeeper) in a child JVM for dev mode and
 * integration tests: see {@link io.acta.embedded.kafka.EmbeddedKafka}.
 */
package io.acta.embedded.kafka;
