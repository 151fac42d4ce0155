package io.acta.embedded.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaFilesTest {
  @TempDir Path dir;

  @Test
  void aNewDataDirectoryGetsAClusterIdThatLaterStartsReuse() throws IOException {
    KafkaFiles files = new KafkaFiles(dir);
    files.prepare();
    String id = files.clusterId();
    assertThat(KafkaFiles.isClusterId(id)).isTrue();
    assertThat(dir.resolve("cluster.id")).content().isEqualTo(id + "\n");
    assertThat(new KafkaFiles(dir).clusterId()).isEqualTo(id);
  }

  @Test
  void formattedStorageDecidesTheClusterId() throws IOException {
    KafkaFiles files = new KafkaFiles(dir);
    files.prepare();
    files.clusterId();
    Files.writeString(
        files.metaProperties(), "node.id=1\ncluster.id=MkU3OEVBNTcwNTJENDM2Qg\nversion=1\n");
    assertThat(files.isFormatted()).isTrue();
    assertThat(files.clusterId()).isEqualTo("MkU3OEVBNTcwNTJENDM2Qg");
    assertThat(dir.resolve("cluster.id")).content().isEqualTo("MkU3OEVBNTcwNTJENDM2Qg\n");
  }

  @Test
  void aDamagedClusterIdFileIsReplaced() throws IOException {
    KafkaFiles files = new KafkaFiles(dir);
    files.prepare();
    Files.writeString(files.clusterIdFile(), "not an id");
    assertThat(KafkaFiles.isClusterId(files.clusterId())).isTrue();
  }

  @Test
  void clusterIdsNeverStartWithADash() {
    // The storage tool would read such an id as an option.
    assertThat(KafkaFiles.isClusterId("-bcdefghijklmnopqrstuv")).isFalse();
    for (int i = 0; i < 2000; i++) assertThat(KafkaFiles.newClusterId()).doesNotStartWith("-");
  }

  @Test
  void writesACombinedNodeOnLoopbackAndRotatesTheLog() throws IOException {
    KafkaFiles files = new KafkaFiles(dir);
    files.prepare();
    Files.writeString(files.logFile(), "previous run\n");
    files.prepare();
    assertThat(files.logDir().resolve("kafka.log.1")).content().isEqualTo("previous run\n");
    assertThat(files.logFile()).doesNotExist();

    files.writeServerProperties(19092, 19093, 6, false);
    assertThat(files.serverProperties())
        .content()
        .contains(
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:19093",
            "listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093",
            "advertised.listeners=PLAINTEXT://127.0.0.1:19092",
            "log.dirs=" + files.kafkaLogDir(),
            "num.partitions=6",
            "auto.create.topics.enable=false",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0");
    assertThat(files.formatArguments("MkU3OEVBNTcwNTJENDM2Qg"))
        .containsExactly(
            "format",
            "--cluster-id",
            "MkU3OEVBNTcwNTJENDM2Qg",
            "--config",
            files.serverProperties().toString(),
            "--ignore-formatted");
  }

  @Test
  void theJvmGetsASmallHeapG1AndItsLoggingConfig() throws IOException {
    KafkaFiles files = new KafkaFiles(dir);
    files.prepare();
    files.writeLog4j();
    List<String> options = files.jvmOptions(512, List.of("/a.jar", "/b.jar"), List.of("-Dx=y"));
    assertThat(options)
        .contains("-Xms128m", "-Xmx512m", "-XX:+UseG1GC")
        .contains("-Dlog4j2.configurationFile=" + files.log4jConfig().toUri())
        .endsWith("-Dx=y");
    assertThat(files.jvmOptions(128, List.of(), List.of())).contains("-Xms128m", "-Xmx128m");
    assertThat(files.log4jConfig()).content().contains("<Root level=\"INFO\">");
  }
}
