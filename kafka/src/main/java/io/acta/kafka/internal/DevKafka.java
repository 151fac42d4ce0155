package io.acta.kafka.internal;

import com.typesafe.config.Config;
import io.acta.embedded.kafka.EmbeddedKafka;
import java.time.Duration;

/**
 * Dev mode's broker: the embedded one the node starts itself when {@code acta.kafka.embedded} is
 * on. acta-embedded is an optional dependency of this module, so production class paths do not
 * carry it; dev mode says so when it is missing.
 */
final class DevKafka {
  private static final String EMBEDDED_CLASS = "io.acta.embedded.kafka.EmbeddedKafka";

  private DevKafka() {}

  /** A started broker: where it listens, and how to stop it. */
  interface Broker extends AutoCloseable {
    String bootstrapServers();

    @Override
    void close();
  }

  /** Starts the embedded broker, blocking until it serves. */
  static Broker start(Config config) {
    try {
      Class.forName(EMBEDDED_CLASS, false, DevKafka.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "acta.kafka.embedded = on needs io.acta:acta-embedded on the class path (a dev and test"
              + " dependency; production connects to acta.kafka.bootstrap-servers)",
          e);
    }
    // At Ctrl-C the node stops the broker itself once it has left its cluster (its feeds and
    // subscriptions still use it on the way out); the broker's own hook steps in after 30 s.
    EmbeddedKafka broker =
        EmbeddedKafka.fromConfig(config).stopAtJvmExitAfter(Duration.ofSeconds(30)).start();
    return new Broker() {
      @Override
      public String bootstrapServers() {
        return broker.bootstrapServers();
      }

      @Override
      public void close() {
        broker.close();
      }
    };
  }
}
