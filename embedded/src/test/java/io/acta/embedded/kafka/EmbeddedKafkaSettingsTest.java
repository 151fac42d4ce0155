package io.acta.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.config.ReferenceConfCheck;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaSettingsTest {
  @Test
  void defaultsComeFromReferenceConf() {
    EmbeddedKafka.Settings s = EmbeddedKafka.builder().build().settings();
    assertThat(s.dataDirectory()).isEqualTo(Path.of("data/kafka").toAbsolutePath());
    assertThat(s.port()).isZero();
    assertThat(s.controllerPort()).isZero();
    assertThat(s.heapMaxMegabytes()).isEqualTo(512);
    assertThat(s.javaHome()).isNull();
    assertThat(s.startTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.stopTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.jvmOptions()).isEmpty();
    assertThat(s.classpath()).isNull();
    assertThat(s.partitions()).isEqualTo(4);
    assertThat(s.autoCreateTopics()).isTrue();
  }

  @Test
  void theTableAgreesWithReferenceConf() {
    var reference = ConfigFactory.parseFile(new File("src/main/resources/reference.conf"));
    assertThat(ReferenceConfCheck.problems(EmbeddedKafka.SETTINGS, reference)).isEmpty();
  }

  @Test
  void sharesTheKafkaSectionWithActaKafkasOnOffSwitch() {
    // acta-kafka's reference.conf holds acta.kafka.embedded = off (whether dev mode starts this
    // broker); both must load from one merged configuration.
    Config merged =
        ConfigFactory.parseString("acta.kafka { embedded = on, bootstrap-servers = \"\" }")
            .withFallback(ConfigFactory.parseFile(new File("src/main/resources/reference.conf")))
            .resolve();
    assertThat(merged.getBoolean("acta.kafka.embedded")).isTrue();
    assertThat(EmbeddedKafka.fromConfig(merged).settings().partitions()).isEqualTo(4);
  }

  @Test
  void invalidConfigNamesTheFullPath() {
    var config = ConfigFactory.parseString("acta.kafka.embedded-broker { heap-max = 64m }");
    assertThatThrownBy(() -> EmbeddedKafka.fromConfig(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("acta.kafka.embedded-broker.heap-max must be at least 128m, was 64m");
    var wrongKind = ConfigFactory.parseString("acta.kafka.embedded-broker { port = kafka }");
    assertThatThrownBy(() -> EmbeddedKafka.fromConfig(wrongKind))
        .hasMessageStartingWith("acta.kafka.embedded-broker.port must be an integer (");
    var noPartitions = ConfigFactory.parseString("acta.kafka.embedded-broker { partitions = 0 }");
    assertThatThrownBy(() -> EmbeddedKafka.fromConfig(noPartitions))
        .hasMessageContaining("acta.kafka.embedded-broker.partitions");
  }

  @Test
  void everyKeyIsReadFromConfig() {
    var config =
        ConfigFactory.parseString(
            """
            acta.kafka.embedded-broker {
              data-directory = "/tmp/k"
              port = 19092
              controller-port = 19093
              heap-max = 1g
              java-home = "/opt/jdk-21"
              start-timeout = 2m
              stop-timeout = 5s
              jvm-options = ["-Da=b"]
              classpath = "/lib/*"
              partitions = 12
              auto-create-topics = off
            }
            """);
    EmbeddedKafka.Settings s = EmbeddedKafka.fromConfig(config).settings();
    assertThat(s)
        .isEqualTo(
            new EmbeddedKafka.Settings(
                Path.of("/tmp/k"),
                19092,
                19093,
                1024,
                Path.of("/opt/jdk-21"),
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                List.of("-Da=b"),
                "/lib/*",
                12,
                false));
  }

  @Test
  void theBuilderSetsTheSameAndOverridesConfig() {
    EmbeddedKafka.Settings s =
        EmbeddedKafka.builder()
            .config(
                ConfigFactory.parseString(
                    "acta.kafka.embedded-broker { partitions = 2, port = 1 }"))
            .port(9092)
            .controllerPort(9093)
            .heapMax("768MiB")
            .dataDirectory(Path.of("rel"))
            .startTimeout(Duration.ofSeconds(10))
            .stopTimeout(Duration.ofSeconds(3))
            .addJvmOption("-Dx=y")
            .autoCreateTopics(false)
            .classpath(null)
            .build()
            .settings();
    assertThat(s.partitions()).isEqualTo(2);
    assertThat(s.port()).isEqualTo(9092);
    assertThat(s.controllerPort()).isEqualTo(9093);
    assertThat(s.heapMaxMegabytes()).isEqualTo(768);
    assertThat(s.dataDirectory()).isEqualTo(Path.of("rel").toAbsolutePath());
    assertThat(s.stopTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.jvmOptions()).containsExactly("-Dx=y");
    assertThat(s.autoCreateTopics()).isFalse();
    assertThat(s.classpath()).isNull();
    assertThat(
            EmbeddedKafka.builder()
                .javaHome(Path.of("/opt/j"))
                .javaHome(null)
                .partitions(8)
                .build()
                .settings())
        .satisfies(
            t -> {
              assertThat(t.javaHome()).isNull();
              assertThat(t.partitions()).isEqualTo(8);
            });
  }

  @Test
  void rejectsInvalidSettings() {
    assertThatThrownBy(() -> EmbeddedKafka.builder().heapMax("64m").build())
        .hasMessageContaining("heap-max");
    assertThatThrownBy(() -> EmbeddedKafka.builder().heapMax("lots"))
        .hasMessageContaining("heap-max");
    assertThatThrownBy(() -> EmbeddedKafka.builder().port(70000).build())
        .hasMessageContaining("port");
    assertThatThrownBy(() -> EmbeddedKafka.builder().port(9092).controllerPort(9092).build())
        .hasMessageContaining("differ");
    assertThatThrownBy(() -> EmbeddedKafka.builder().startTimeout(Duration.ZERO).build())
        .hasMessageContaining("start-timeout");
    assertThatThrownBy(() -> EmbeddedKafka.builder().partitions(0).build())
        .hasMessageContaining("partitions");
  }

  @Test
  void accessorsNeedARunningBroker() {
    EmbeddedKafka k = EmbeddedKafka.builder().build();
    assertThat(k.isRunning()).isFalse();
    assertThat(k.logFile()).isEqualTo(k.dataDirectory().resolve("logs/kafka.log"));
    assertThatThrownBy(k::bootstrapServers).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(k::port).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(k::pid).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(k::clusterId).isInstanceOf(IllegalStateException.class);
    assertThat(k.toString()).endsWith(", stopped]");
    k.stop(); // no-op
  }
}
