package io.acta.embedded.kafka.internal;

import io.acta.embedded.internal.DataDirectoryLayout;
import io.acta.embedded.internal.LogScanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The layout of a broker's data directory and the files written into it before each start: {@code
 * conf/server.properties}, {@code conf/log4j2.xml} and {@code conf/jvm.args} (the child JVM's
 * options as a Java argument file). The partitions and the KRaft metadata log live in {@code
 * kafka-logs/}, the cluster id in {@code cluster.id}; the broker's output goes to {@code
 * logs/kafka.log} (the previous start's to {@code logs/kafka.log.1}).
 */
public final class KafkaFiles extends DataDirectoryLayout {
  /** The line the broker logs once it serves clients. */
  public static final String STARTED_MARKER = "Kafka Server started";

  /** The broker's (and its controller's) node id; one node, so always the same. */
  public static final int NODE_ID = 1;

  // What Kafka's Uuid.toString gives: 16 bytes, URL-safe base64 without padding.
  private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

  /** The layout under {@code root}, an absolute, normalised path. */
  public KafkaFiles(Path root) {
    super(root, "kafka.log");
  }

  /** {@code kafka-logs/}: Kafka's {@code log.dirs}, partitions and the metadata log. */
  public Path kafkaLogDir() {
    return root().resolve("kafka-logs");
  }

  /** {@code conf/server.properties}. */
  public Path serverProperties() {
    return confDir().resolve("server.properties");
  }

  /** {@code conf/log4j2.xml}. */
  public Path log4jConfig() {
    return confDir().resolve("log4j2.xml");
  }

  /** {@code cluster.id}. */
  public Path clusterIdFile() {
    return root().resolve("cluster.id");
  }

  /** {@code kafka-logs/meta.properties}, written by formatting the storage. */
  public Path metaProperties() {
    return kafkaLogDir().resolve("meta.properties");
  }

  /** Creates the directories, and moves the previous log aside. */
  public void prepare() throws IOException {
    prepareDirectories(List.of(kafkaLogDir()));
  }

  /** Whether the storage was formatted: the broker refuses to start on an unformatted one. */
  public boolean isFormatted() {
    return Files.isRegularFile(metaProperties());
  }

  /**
   * The cluster id of this data directory, created on its first start and kept in {@link
   * #clusterIdFile()}. Formatted storage holds its own ({@code meta.properties}), which wins: the
   * broker refuses storage of another cluster, so that is the id it runs with.
   */
  public String clusterId() throws IOException {
    String id = formattedClusterId();
    if (id == null && Files.isRegularFile(clusterIdFile())) {
      String saved = Files.readString(clusterIdFile(), StandardCharsets.US_ASCII).trim();
      if (isClusterId(saved)) id = saved;
    }
    if (id == null) id = newClusterId();
    Path file = clusterIdFile();
    if (!Files.isRegularFile(file)
        || !Files.readString(file, StandardCharsets.US_ASCII).trim().equals(id)) {
      Files.writeString(file, id + "\n", StandardCharsets.US_ASCII);
    }
    return id;
  }

  private String formattedClusterId() throws IOException {
    if (!isFormatted()) return null;
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(metaProperties())) {
      p.load(in);
    }
    String id = p.getProperty("cluster.id");
    return id == null || id.isBlank() ? null : id.trim();
  }

  /** Whether {@code id} has the form of a Kafka cluster id and is safe on a command line. */
  static boolean isClusterId(String id) {
    // A leading '-' would read as an option to the storage tool's command line.
    return CLUSTER_ID.matcher(id).matches() && !id.startsWith("-");
  }

  /** A random cluster id, as {@code kafka-storage random-uuid} makes one. */
  static String newClusterId() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[16];
    while (true) {
      random.nextBytes(bytes);
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      if (isClusterId(id)) return id;
    }
  }

  /**
   * Writes {@code conf/server.properties} for one node that is both broker and KRaft controller on
   * 127.0.0.1.
   */
  public void writeServerProperties(
      int port, int controllerPort, int partitions, boolean autoCreateTopics) throws IOException {
    String properties =
        """
        # Written by acta-embedded (EmbeddedKafka) before each start; edits are overwritten.
        # One node that is both broker and KRaft controller (no ZooKeeper), on 127.0.0.1 only.
        process.roles=broker,controller
        node.id=%d
        # A static quorum of this node alone: formatted without --standalone, and free to change
        # its controller port from one start to the next.
        controller.quorum.voters=%d@127.0.0.1:%d
        controller.listener.names=CONTROLLER
        listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
        advertised.listeners=PLAINTEXT://127.0.0.1:%d
        listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
        inter.broker.listener.name=PLAINTEXT
        log.dirs=%s

        num.partitions=%d
        auto.create.topics.enable=%s

        # One broker: every internal topic has one replica, and needs just that one in sync.
        default.replication.factor=1
        min.insync.replicas=1
        offsets.topic.replication.factor=1
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        share.coordinator.state.topic.replication.factor=1
        share.coordinator.state.topic.min.isr=1
        # Fewer partitions than the 50 of a production cluster: a dev box's first consumer group
        # and first transaction create these topics, and a few partitions are created faster.
        offsets.topic.num.partitions=5
        transaction.state.log.num.partitions=5
        # A lone consumer joins its group at once instead of waiting for others.
        group.initial.rebalance.delay.ms=0
        # The log cleaner (of compacted topics such as the consumer offsets) takes its whole buffer
        # from the heap at start: Kafka's 128 MiB leave a small heap too little (with -Xmx128m the
        # broker dies at start with an OutOfMemoryError); 32 MiB still index a million keys a pass.
        log.cleaner.dedupe.buffer.size=33554432
        """
            .formatted(
                NODE_ID,
                NODE_ID,
                controllerPort,
                port,
                controllerPort,
                port,
                escape(kafkaLogDir().toString()),
                partitions,
                autoCreateTopics);
    Files.writeString(serverProperties(), properties, StandardCharsets.UTF_8);
  }

  /**
   * Writes {@code conf/log4j2.xml}: INFO to stdout, which goes to {@link #logFile()}, without the
   * full configuration dumps and per-request lines that make a broker's log long.
   */
  public void writeLog4j() throws IOException {
    String xml =
        """
        <!-- Written by acta-embedded (EmbeddedKafka). The broker's stdout goes to logs/kafka.log.
             No shutdown hook of log4j's own: it would stop logging before the broker's hook logs
             its shutdown. -->
        <Configuration status="warn" shutdownHook="disable">
          <Appenders>
            <Console name="STDOUT" target="SYSTEM_OUT">
              <PatternLayout pattern="[%d] %p %m (%c)%n"/>
            </Console>
          </Appenders>
          <Loggers>
            <Root level="INFO"><AppenderRef ref="STDOUT"/></Root>
            <!-- Every configuration in full (hundreds of lines a start); conf/server.properties
                 holds what differs from Kafka's defaults. -->
            <Logger name="org.apache.kafka.common.config.AbstractConfig" level="WARN"/>
            <Logger name="kafka.request.logger" level="WARN"/>
            <Logger name="kafka.network.RequestChannel$" level="WARN"/>
          </Loggers>
        </Configuration>
        """;
    Files.writeString(log4jConfig(), xml, StandardCharsets.UTF_8);
  }

  /**
   * The child JVM's options (everything before the main class), for the broker and the storage tool
   * alike.
   *
   * @param heapMaxMegabytes {@code -Xmx}
   * @param classpath the class path entries
   * @param extra extra options, last so they win
   */
  public List<String> jvmOptions(
      long heapMaxMegabytes, List<String> classpath, List<String> extra) {
    List<String> o = new ArrayList<>();
    o.add("-Xms" + Math.min(128, heapMaxMegabytes) + "m");
    o.add("-Xmx" + heapMaxMegabytes + "m");
    // The collector settings of Kafka's own bin/kafka-run-class.sh.
    o.add("-XX:+UseG1GC");
    o.add("-XX:MaxGCPauseMillis=20");
    o.add("-XX:InitiatingHeapOccupancyPercent=35");
    o.add("-XX:+ExplicitGCInvokesConcurrent");
    o.add("-XX:+PerfDisableSharedMem");
    o.add("-XX:+ExitOnOutOfMemoryError");
    o.add("-Djava.awt.headless=true");
    o.add("-Djava.net.preferIPv4Stack=true");
    o.add("-Dlog4j2.configurationFile=" + log4jConfig().toUri());
    o.add("-Dkafka.logs.dir=" + logDir());
    o.addAll(lastJvmOptions(classpath, extra));
    return o;
  }

  /** The storage tool's arguments that format this data directory for {@code clusterId}. */
  public List<String> formatArguments(String clusterId) {
    // --ignore-formatted: formatted storage is left as it is, should it be formatted after all.
    return List.of(
        "format",
        "--cluster-id",
        clusterId,
        "--config",
        serverProperties().toString(),
        "--ignore-formatted");
  }

  /**
   * What an exception about a failed start shows of the broker's log: its first error (the cause,
   * usually, far above a tail full of shutdown), then its last {@code lines} lines.
   */
  public String logTail(int lines) {
    String error = LogScanner.firstError(logFile(), 12);
    String tail = LogScanner.tail(logFile(), lines);
    return error.isEmpty() ? tail : "First error in the log:\n" + error + "\n" + tail;
  }

  /** Escapes a value for a {@code .properties} file, whose reader drops lone backslashes. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }
}
