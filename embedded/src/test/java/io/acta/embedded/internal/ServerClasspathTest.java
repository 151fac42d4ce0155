package io.acta.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.embedded.cassandra.EmbeddedCassandraException;
import io.acta.embedded.cassandra.internal.CassandraKind;
import io.acta.embedded.kafka.EmbeddedKafkaException;
import io.acta.embedded.kafka.internal.KafkaKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerClasspathTest {
  @TempDir Path repo;

  @Test
  void turnsRepositoryPathsIntoCoordinates() {
    assertThat(
            ServerClasspath.coordinates(
                "org/apache/cassandra/cassandra-all/5.0.9/cassandra-all-5.0.9.jar"))
        .isEqualTo("org.apache.cassandra:cassandra-all:5.0.9");
    assertThat(
            ServerClasspath.coordinates(
                "io/netty/netty-tcnative-boringssl-static/2.0.70.Final/netty-tcnative-boringssl-static-2.0.70.Final-linux-x86_64.jar"))
        .isEqualTo("io.netty:netty-tcnative-boringssl-static:2.0.70.Final:jar:linux-x86_64");
    assertThat(ServerClasspath.coordinates("a/b.jar")).isNull();
  }

  @Test
  void resolvesThePlaceholderAgainstTheLocalRepository() throws IOException {
    Path jar = repo.resolve("org/apache/cassandra/cassandra-all/5.0.9/cassandra-all-5.0.9.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "");
    Path dep = repo.resolve("com/example/dep/1.0/dep-1.0.jar");
    Files.createDirectories(dep.getParent());
    Files.writeString(dep, "");

    ServerClasspath.Resolved resolved =
        ServerClasspath.fromList(
            CassandraKind.KIND,
            "${M2_REPO}/org/apache/cassandra/cassandra-all/5.0.9/cassandra-all-5.0.9.jar;${M2_REPO}/com/example/dep/1.0/dep-1.0.jar",
            repo,
            "test");

    assertThat(resolved.entries()).containsExactly(jar.toString(), dep.toString());
    assertThat(resolved.version()).isEqualTo("5.0.9");
  }

  @Test
  void namesEveryMissingJarAndTheCommandThatFetchesIt() throws IOException {
    Path jar = repo.resolve("org/apache/cassandra/cassandra-all/5.0.9/cassandra-all-5.0.9.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "");

    assertThatThrownBy(
            () ->
                ServerClasspath.fromList(
                    CassandraKind.KIND,
                    "${M2_REPO}/org/apache/cassandra/cassandra-all/5.0.9/cassandra-all-5.0.9.jar;"
                        + "${M2_REPO}/io/netty/netty-all/4.1.130.Final/netty-all-4.1.130.Final.jar",
                    repo,
                    "system property maven.repo.local"))
        .isInstanceOf(EmbeddedCassandraException.class)
        .hasMessageContaining("1 jar(s) that are not in the local Maven repository " + repo)
        .hasMessageContaining(
            repo.resolve("io/netty/netty-all/4.1.130.Final/netty-all-4.1.130.Final.jar").toString())
        .hasMessageContaining("mvn dependency:get -Dartifact=io.netty:netty-all:4.1.130.Final")
        .hasMessageContaining(
            "mvn dependency:get -Dartifact=org.apache.cassandra:cassandra-all:5.0.9")
        .hasMessageContaining("-Dmaven.repo.local");
  }

  @Test
  void theBuildWroteTheServerClasspathWithThePlaceholder() throws IOException {
    String content;
    try (InputStream in =
        ServerClasspath.class.getResourceAsStream(CassandraKind.KIND.classpathResource())) {
      assertThat(in).as(CassandraKind.KIND.classpathResource()).isNotNull();
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(content)
        .startsWith("${M2_REPO}/")
        .contains("/cassandra-all-5.0.")
        .doesNotContain(System.getProperty("user.home"));
    // Resolves completely on this machine (the build just fetched the jars).
    ServerClasspath.Resolved resolved = ServerClasspath.resolve(CassandraKind.KIND, null);
    assertThat(resolved.version()).startsWith("5.0.");
    assertThat(resolved.entries()).hasSizeGreaterThan(50);
  }

  @Test
  void cassandraIsNotOnTheTestClassPath() {
    assertThatThrownBy(() -> Class.forName("org.apache.cassandra.service.CassandraDaemon"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(System.getProperty("java.class.path")).doesNotContain("cassandra-all");
  }

  @Test
  void anExplicitClasspathMustExist() {
    assertThatThrownBy(
            () -> ServerClasspath.resolve(CassandraKind.KIND, repo.resolve("nope.jar").toString()))
        .isInstanceOf(EmbeddedCassandraException.class)
        .hasMessageContaining("nope.jar");
    assertThat(ServerClasspath.resolve(CassandraKind.KIND, repo + "/*").entries())
        .containsExactly(repo + "/*");
  }

  @Test
  void theBuildWroteTheKafkaClasspathWithItsOwnVersionsAndALogBinding() throws IOException {
    String content;
    try (InputStream in =
        ServerClasspath.class.getResourceAsStream(KafkaKind.KIND.classpathResource())) {
      assertThat(in).as(KafkaKind.KIND.classpathResource()).isNotNull();
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(content)
        .startsWith("${M2_REPO}/")
        .contains("/kafka_2.13-4.")
        .contains("/log4j-core-", "/log4j-slf4j-impl-")
        .doesNotContain(System.getProperty("user.home"));
    ServerClasspath.Resolved resolved = ServerClasspath.resolve(KafkaKind.KIND, null);
    assertThat(resolved.version()).startsWith("4.");
    // The broker's own client, not the older one the BOM manages for Acta's code.
    assertThat(resolved.entries())
        .anySatisfy(e -> assertThat(e).endsWith("kafka-clients-" + resolved.version() + ".jar"));
    // src/kafka-classpath/pom.xml pins the binding's version; it must follow Kafka's log4j-core.
    assertThat(versionOf(resolved, "log4j-slf4j-impl"))
        .isEqualTo(versionOf(resolved, "log4j-core"))
        .isNotNull();
  }

  private static String versionOf(ServerClasspath.Resolved resolved, String artifact) {
    for (String e : resolved.entries()) {
      Path file = Path.of(e);
      String name = file.getFileName().toString();
      String version = file.getParent().getFileName().toString();
      if (name.equals(artifact + "-" + version + ".jar")) return version;
    }
    return null;
  }

  @Test
  void kafkaIsNotOnTheTestClassPath() {
    assertThatThrownBy(() -> Class.forName("kafka.Kafka"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(System.getProperty("java.class.path")).doesNotContain("kafka_2.13");
  }

  @Test
  void kafkaFailuresNameKafkasSettingAndThrowItsException() {
    assertThatThrownBy(() -> ServerClasspath.resolve(KafkaKind.KIND, repo + "/nope.jar"))
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("acta.kafka.embedded-broker.classpath")
        .hasMessageContaining("nope.jar");
    assertThat(
            ServerClasspath.version(
                KafkaKind.KIND,
                List.of(
                    "/r/org/apache/kafka/kafka-clients/4.1.1/kafka-clients-4.1.1.jar",
                    "/r/org/apache/kafka/kafka_2.13/4.1.1/kafka_2.13-4.1.1.jar")))
        .isEqualTo("4.1.1");
    assertThat(ServerClasspath.version(KafkaKind.KIND, List.of("/lib/*"))).isEqualTo("unknown");
  }
}
