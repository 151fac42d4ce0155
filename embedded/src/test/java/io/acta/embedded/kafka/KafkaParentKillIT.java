package io.acta.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.embedded.internal.ParentKill;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The broker must not outlive a parent JVM killed with SIGKILL (no shutdown hook runs then). */
class KafkaParentKillIT {
  @Test
  void brokerExitsWhenItsParentIsKilled() throws Exception {
    Path dir = EmbeddedKafkaIT.freshDirectory("parent-kill");
    ParentKill.assertServerExitsWhenItsParentIsKilled(
        KillableKafkaParentMain.class, dir, "Kafka broker");
    assertThat(dir.resolve("logs/kafka.log"))
        .content()
        .contains("the parent process is gone (stdin closed); shutting Kafka down");
  }
}
