package io.acta.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.embedded.kafka.EmbeddedKafkaException;
import io.acta.embedded.kafka.internal.KafkaKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsTest {
  @TempDir Path dir;

  @Test
  void choosesDistinctFreePortsAndTheSameOnesAgainOnTheSameDirectory() {
    Ports.Chosen first =
        Ports.choose(
            KafkaKind.KIND,
            dir,
            new Ports.Request("port", 0),
            new Ports.Request("controller-port", 0));
    int port = first.port("port");
    int controller = first.port("controller-port");
    assertThat(port).isPositive().isNotEqualTo(controller);
    assertThat(dir.resolve("ports.properties"))
        .content()
        .contains("port=" + port, "controller-port=" + controller);

    // While the first holds them, nobody else in this JVM gets them, not even a fixed request.
    assertThatThrownBy(
            () -> Ports.choose(KafkaKind.KIND, dir.resolve("x"), new Ports.Request("port", port)))
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("acta.kafka.embedded-broker.port " + port);
    Ports.release(first);

    Ports.Chosen again =
        Ports.choose(
            KafkaKind.KIND,
            dir,
            new Ports.Request("port", 0),
            new Ports.Request("controller-port", 0));
    assertThat(again).isEqualTo(first);
    Ports.release(again);
  }
}
