package io.acta.embedded.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Test-only main of a parent JVM that {@link KafkaParentKillIT} kills with SIGKILL: starts a broker
 * on the data directory given as argument, prints {@code READY pid=<broker pid> port=<port>} and
 * waits to be killed.
 */
public final class KillableKafkaParentMain {
  private KillableKafkaParentMain() {}

  /** Starts the broker on {@code args[0]} and waits forever. */
  public static void main(String[] args) throws InterruptedException {
    EmbeddedKafka kafka = EmbeddedKafka.builder().dataDirectory(Path.of(args[0])).start();
    System.out.println("READY pid=" + kafka.pid() + " port=" + kafka.port());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
