package io.acta.embedded.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.acta.config.ReferenceConfCheck;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedCassandraSettingsTest {
  @Test
  void defaultsComeFromReferenceConf() {
    EmbeddedCassandra.Settings s = EmbeddedCassandra.builder().build().settings();
    assertThat(s.dataDirectory()).isEqualTo(Path.of("data/cassandra").toAbsolutePath());
    assertThat(s.clusterName()).isEqualTo("acta");
    assertThat(s.nativePort()).isZero();
    assertThat(s.storagePort()).isZero();
    assertThat(s.heapMaxMegabytes()).isEqualTo(512);
    assertThat(s.javaHome()).isNull();
    assertThat(s.startTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.stopTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.jvmOptions()).isEmpty();
    assertThat(s.classpath()).isNull();
  }

  @Test
  void theTableAgreesWithReferenceConf() {
    var reference = ConfigFactory.parseFile(new File("src/main/resources/reference.conf"));
    assertThat(ReferenceConfCheck.problems(EmbeddedCassandra.SETTINGS, reference)).isEmpty();
  }

  @Test
  void invalidConfigNamesTheFullPath() {
    var config = ConfigFactory.parseString("acta.cassandra.embedded { heap-max = 100m }");
    assertThatThrownBy(() -> EmbeddedCassandra.fromConfig(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("acta.cassandra.embedded.heap-max must be at least 256m, was 100m");
    var wrongKind = ConfigFactory.parseString("acta.cassandra.embedded { native-port = cql }");
    assertThatThrownBy(() -> EmbeddedCassandra.fromConfig(wrongKind))
        .hasMessageStartingWith("acta.cassandra.embedded.native-port must be an integer (");
  }

  @Test
  void everyKeyIsReadFromConfig() {
    var config =
        ConfigFactory.parseString(
            """
            acta.cassandra.embedded {
              data-directory = "/tmp/x"
              cluster-name = "c1"
              native-port = 19042
              storage-port = 17000
              heap-max = 1g
              java-home = "/opt/jdk-17"
              start-timeout = 2m
              stop-timeout = 5s
              jvm-options = ["-Da=b"]
              classpath = "/lib/*"
            }
            """);
    EmbeddedCassandra.Settings s = EmbeddedCassandra.fromConfig(config).settings();
    assertThat(s)
        .isEqualTo(
            new EmbeddedCassandra.Settings(
                Path.of("/tmp/x"),
                "c1",
                19042,
                17000,
                1024,
                Path.of("/opt/jdk-17"),
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                List.of("-Da=b"),
                "/lib/*"));
  }

  @Test
  void theBuilderSetsTheSameAndOverridesConfig() {
    EmbeddedCassandra.Settings s =
        EmbeddedCassandra.builder()
            .config(
                ConfigFactory.parseString(
                    "acta.cassandra.embedded { cluster-name = from-config, native-port = 1 }"))
            .nativePort(9042)
            .storagePort(7000)
            .heapMax("768MiB")
            .dataDirectory(Path.of("rel"))
            .startTimeout(Duration.ofSeconds(10))
            .addJvmOption("-Dx=y")
            .build()
            .settings();
    assertThat(s.clusterName()).isEqualTo("from-config");
    assertThat(s.nativePort()).isEqualTo(9042);
    assertThat(s.storagePort()).isEqualTo(7000);
    assertThat(s.heapMaxMegabytes()).isEqualTo(768);
    assertThat(s.dataDirectory()).isEqualTo(Path.of("rel").toAbsolutePath());
    assertThat(s.jvmOptions()).containsExactly("-Dx=y");
    assertThat(
            EmbeddedCassandra.builder()
                .javaHome(Path.of("/opt/j"))
                .javaHome(null)
                .build()
                .settings()
                .javaHome())
        .isNull();
  }

  @Test
  void rejectsInvalidSettings() {
    assertThatThrownBy(() -> EmbeddedCassandra.builder().heapMax("100m").build())
        .hasMessageContaining("heap-max");
    assertThatThrownBy(() -> EmbeddedCassandra.builder().heapMax("lots"))
        .hasMessageContaining("heap-max");
    assertThatThrownBy(() -> EmbeddedCassandra.builder().nativePort(70000).build())
        .hasMessageContaining("native-port");
    assertThatThrownBy(() -> EmbeddedCassandra.builder().nativePort(9042).storagePort(9042).build())
        .hasMessageContaining("differ");
    assertThatThrownBy(() -> EmbeddedCassandra.builder().startTimeout(Duration.ZERO).build())
        .hasMessageContaining("start-timeout");
  }

  @Test
  void accessorsNeedARunningServer() {
    EmbeddedCassandra c = EmbeddedCassandra.builder().build();
    assertThat(c.isRunning()).isFalse();
    assertThat(c.localDatacenter()).isEqualTo("datacenter1");
    assertThatThrownBy(c::contactPoint).isInstanceOf(IllegalStateException.class);
    c.stop(); // no-op
  }
}
