package io.acta.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.embedded.cassandra.EmbeddedCassandraException;
import io.acta.embedded.cassandra.internal.CassandraKind;
import io.acta.embedded.kafka.EmbeddedKafkaException;
import io.acta.embedded.kafka.internal.KafkaKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaHomeLocatorTest {
  @TempDir Path tmp;

  /** A fake Java home: a 'release' file with JAVA_VERSION and, unless told otherwise, bin/java. */
  private Path jdk(Path dir, String version, boolean withJava) throws IOException {
    Files.createDirectories(dir.resolve("bin"));
    if (version != null)
      Files.writeString(
          dir.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    if (withJava) {
      Path java = Files.writeString(dir.resolve("bin/java"), "#!/bin/sh\n");
      java.toFile().setExecutable(true);
    }
    return dir;
  }

  @Test
  void whenNothingFitsTheMessageListsEveryPlaceLookedAtAndHowToSetIt() throws IOException {
    Path jvms = tmp.resolve("usr/lib/jvm");
    jdk(jvms.resolve("temurin-25"), "25", true);
    jdk(jvms.resolve("jdk-21"), "21.0.4", true);
    jdk(jvms.resolve("java-8"), "1.8.0_392", true);
    jdk(jvms.resolve("broken-17"), "17.0.2", false);
    Files.createDirectories(jvms.resolve("not-a-jdk"));
    Path missing = tmp.resolve("opt/java");
    Path current = jdk(tmp.resolve("current"), "25", true);

    JavaHomeLocator locator =
        new JavaHomeLocator(
            CassandraKind.KIND,
            null,
            null,
            null,
            current,
            "25.0.1",
            List.of(JavaHomeLocator.InstallRoot.of(jvms), JavaHomeLocator.InstallRoot.of(missing)));

    assertThatThrownBy(locator::locate)
        .isInstanceOf(EmbeddedCassandraException.class)
        .hasMessageContaining("No Java 11 or 17 runtime found")
        .hasMessageContaining("the setting acta.cassandra.embedded.java-home: not set")
        .hasMessageContaining("the environment variable ACTA_CASSANDRA_JAVA_HOME: not set")
        .hasMessageContaining("the current JVM " + current + ": Java 25.0.1 (too new")
        .hasMessageContaining("the environment variable JAVA_HOME: not set")
        .hasMessageContaining(jvms.resolve("temurin-25") + ": Java 25 (too new")
        .hasMessageContaining(jvms.resolve("jdk-21") + ": Java 21.0.4 (not supported")
        .hasMessageContaining(jvms.resolve("java-8") + ": Java 1.8.0_392 (too old")
        .hasMessageContaining(
            jvms.resolve("broken-17") + ": Java 17.0.2 but no executable bin/java")
        .hasMessageContaining(jvms.resolve("not-a-jdk") + ": no 'release' file")
        .hasMessageContaining(missing + "/*: does not exist")
        // how to fix it
        .hasMessageContaining("acta.cassandra.embedded.java-home = \"/path/to/jdk-17\"")
        .hasMessageContaining("ACTA_CASSANDRA_JAVA_HOME=/path/to/jdk-17")
        .hasMessageContaining("javaHome(");
  }

  @Test
  void prefers17Over11AndTheNewest17() throws IOException {
    Path jvms = tmp.resolve("jvm");
    jdk(jvms.resolve("a-11"), "11.0.20", true);
    jdk(jvms.resolve("b-17-old"), "17.0.2", true);
    jdk(jvms.resolve("c-17-new"), "17.0.15", true);
    jdk(jvms.resolve("d-25"), "25", true);
    JavaHomeLocator locator =
        new JavaHomeLocator(
            CassandraKind.KIND,
            null,
            null,
            null,
            tmp.resolve("nowhere"),
            "25",
            List.of(JavaHomeLocator.InstallRoot.of(jvms)));

    JavaHomeLocator.JavaHome found = locator.locate();

    assertThat(found.home()).isEqualTo(jvms.resolve("c-17-new"));
    assertThat(found.feature()).isEqualTo(17);
    assertThat(found.executable()).isEqualTo(jvms.resolve("c-17-new/bin/java"));
  }

  @Test
  void fallsBackTo11() throws IOException {
    Path jvms = tmp.resolve("jvm");
    jdk(jvms.resolve("jdk-11"), "11.0.20", true);
    JavaHomeLocator locator =
        new JavaHomeLocator(
            CassandraKind.KIND,
            null,
            null,
            null,
            tmp.resolve("nowhere"),
            "21.0.1",
            List.of(JavaHomeLocator.InstallRoot.of(jvms)));

    assertThat(locator.locate().feature()).isEqualTo(11);
  }

  @Test
  void findsMacOsHomesUnderContentsHome() throws IOException {
    Path vms = tmp.resolve("JavaVirtualMachines");
    jdk(vms.resolve("temurin-17.jdk/Contents/Home"), "17.0.9", true);
    JavaHomeLocator locator =
        new JavaHomeLocator(
            CassandraKind.KIND,
            null,
            null,
            null,
            tmp.resolve("nowhere"),
            "25",
            List.of(new JavaHomeLocator.InstallRoot(vms, "Contents/Home")));

    assertThat(locator.locate().home()).isEqualTo(vms.resolve("temurin-17.jdk/Contents/Home"));
  }

  @Test
  void usesTheCurrentJvmWhenItIs17() throws IOException {
    Path current = jdk(tmp.resolve("current"), "17.0.15", true);
    JavaHomeLocator locator =
        new JavaHomeLocator(CassandraKind.KIND, null, null, null, current, "17.0.15", List.of());

    assertThat(locator.locate().source()).isEqualTo("the current JVM");
  }

  @Test
  void theSettingComesFirstAndMustFit() throws IOException {
    Path jdk25 = jdk(tmp.resolve("jdk-25"), "25", true);
    Path jdk17 = jdk(tmp.resolve("jdk-17"), "17.0.15", true);
    Path jdk11 = jdk(tmp.resolve("jdk-11"), "11.0.2", true);

    assertThat(
            new JavaHomeLocator(
                    CassandraKind.KIND, jdk11, jdk17.toString(), null, jdk17, "17.0.15", List.of())
                .locate()
                .home())
        .isEqualTo(jdk11);
    assertThat(
            new JavaHomeLocator(
                    CassandraKind.KIND, null, jdk11.toString(), null, jdk17, "17.0.15", List.of())
                .locate()
                .source())
        .contains("ACTA_CASSANDRA_JAVA_HOME");
    assertThatThrownBy(
            () ->
                new JavaHomeLocator(
                        CassandraKind.KIND, jdk25, null, null, jdk17, "17.0.15", List.of())
                    .locate())
        .isInstanceOf(EmbeddedCassandraException.class)
        .hasMessageContaining("the setting acta.cassandra.embedded.java-home")
        .hasMessageContaining(jdk25 + ": Java 25");
  }

  @Test
  void kafkaRunsOnACurrentJvmOf17Or21() throws IOException {
    Path jvms = tmp.resolve("jvm");
    jdk(jvms.resolve("jdk-17"), "17.0.15", true);
    Path current = jdk(tmp.resolve("current"), "21.0.4", true);
    JavaHomeLocator locator =
        new JavaHomeLocator(
            KafkaKind.KIND,
            null,
            null,
            null,
            current,
            "21.0.4",
            List.of(JavaHomeLocator.InstallRoot.of(jvms)));

    assertThat(locator.locate().source()).isEqualTo("the current JVM");
  }

  @Test
  void kafkaPrefersAnInstalled17ToANewerCurrentJvm() throws IOException {
    Path jvms = tmp.resolve("jvm");
    Path current = jdk(tmp.resolve("current"), "25", true);
    List<JavaHomeLocator.InstallRoot> roots = List.of(JavaHomeLocator.InstallRoot.of(jvms));
    Files.createDirectories(jvms);

    JavaHomeLocator.JavaHome alone =
        new JavaHomeLocator(KafkaKind.KIND, null, null, null, current, "25.0.1", roots).locate();
    assertThat(alone.home()).isEqualTo(current);
    assertThat(alone.feature()).isEqualTo(25);
    assertThat(alone.source()).isEqualTo("the current JVM");

    jdk(jvms.resolve("jdk-17"), "17.0.15", true);
    assertThat(
            new JavaHomeLocator(KafkaKind.KIND, null, null, null, current, "25.0.1", roots)
                .locate()
                .home())
        .isEqualTo(jvms.resolve("jdk-17"));
  }

  @Test
  void kafkaPrefers17Then21ThenTheNewest() throws IOException {
    Path jvms = tmp.resolve("jvm");
    jdk(jvms.resolve("jdk-11"), "11.0.20", true);
    jdk(jvms.resolve("jdk-25"), "25", true);
    jdk(jvms.resolve("jdk-21"), "21.0.4", true);
    Path old = tmp.resolve("nowhere");
    List<JavaHomeLocator.InstallRoot> roots = List.of(JavaHomeLocator.InstallRoot.of(jvms));

    assertThat(new JavaHomeLocator(KafkaKind.KIND, null, null, null, old, "11.0.2", roots).locate())
        .satisfies(j -> assertThat(j.home()).isEqualTo(jvms.resolve("jdk-21")));

    jdk(jvms.resolve("jdk-17"), "17.0.15", true);
    assertThat(
            new JavaHomeLocator(KafkaKind.KIND, null, null, null, old, "11.0.2", roots)
                .locate()
                .home())
        .isEqualTo(jvms.resolve("jdk-17"));

    Path only25 = tmp.resolve("only25");
    jdk(only25.resolve("jdk-25"), "25", true);
    assertThat(
            new JavaHomeLocator(
                    KafkaKind.KIND,
                    null,
                    null,
                    null,
                    old,
                    "11.0.2",
                    List.of(JavaHomeLocator.InstallRoot.of(only25)))
                .locate()
                .feature())
        .isEqualTo(25);
  }

  @Test
  void kafkaNamesItsOwnSettingAndEnvironmentVariable() throws IOException {
    Path jvms = tmp.resolve("jvm");
    jdk(jvms.resolve("jdk-11"), "11.0.20", true);
    Path current = jdk(tmp.resolve("current"), "11.0.2", true);
    JavaHomeLocator locator =
        new JavaHomeLocator(
            KafkaKind.KIND,
            null,
            null,
            null,
            current,
            "11.0.2",
            List.of(JavaHomeLocator.InstallRoot.of(jvms)));

    assertThatThrownBy(locator::locate)
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("No Java 17 or newer runtime found to run Kafka")
        .hasMessageContaining("the setting acta.kafka.embedded-broker.java-home: not set")
        .hasMessageContaining("the environment variable ACTA_KAFKA_JAVA_HOME: not set")
        .hasMessageContaining("Java 11.0.2 (too old: Kafka 4 needs 17 or newer)")
        .hasMessageContaining(jvms.resolve("jdk-11") + ": Java 11.0.20 (too old")
        .hasMessageContaining("EmbeddedKafka.builder().javaHome(");
  }

  @Test
  void parsesFeatureReleases() {
    assertThat(JavaHomeLocator.feature("17.0.15")).isEqualTo(17);
    assertThat(JavaHomeLocator.feature("11")).isEqualTo(11);
    assertThat(JavaHomeLocator.feature("1.8.0_392")).isEqualTo(8);
    assertThat(JavaHomeLocator.feature("25-ea")).isEqualTo(25);
    assertThat(JavaHomeLocator.feature("x")).isZero();
  }
}
