package io.acta.embedded.cassandra.internal;

import io.acta.embedded.internal.DataDirectoryLayout;
import io.acta.embedded.internal.LogScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of a data directory and the files written into it before each start: {@code
 * conf/cassandra.yaml}, {@code conf/logback.xml} and {@code conf/jvm.args} (the child JVM's options
 * as a Java argument file); the server's output goes to {@code logs/cassandra.log} (the previous
 * start's to {@code logs/cassandra.log.1}).
 */
public final class ServerFiles extends DataDirectoryLayout {
  /** The marker in the server's log that the CQL port is open. */
  public static final String CQL_READY_MARKER = "Starting listening for CQL clients";

  /** The layout under {@code root}, an absolute, normalised path. */
  public ServerFiles(Path root) {
    super(root, "cassandra.log");
  }

  /** {@code conf/cassandra.yaml}. */
  public Path yaml() {
    return confDir().resolve("cassandra.yaml");
  }

  /** Creates the directories, and moves the previous log aside. */
  public void prepare() throws IOException {
    prepareDirectories(
        Stream.of("data", "commitlog", "saved_caches", "hints", "cdc_raw", "triggers")
            .map(root()::resolve)
            .toList());
  }

  /** Writes {@code conf/cassandra.yaml} for a single node on 127.0.0.1. */
  public void writeYaml(String clusterName, int nativePort, int storagePort) throws IOException {
    String yaml =
        """
        # Written by acta-embedded-cassandra before each start; edits are overwritten.
        cluster_name: %s
        num_tokens: 1
        partitioner: org.apache.cassandra.dht.Murmur3Partitioner
        endpoint_snitch: SimpleSnitch
        seed_provider:
          - class_name: org.apache.cassandra.locator.SimpleSeedProvider
            parameters:
              - seeds: "127.0.0.1:%d"
        listen_address: 127.0.0.1
        rpc_address: 127.0.0.1
        storage_port: %d
        native_transport_port: %d
        start_native_transport: true

        data_file_directories:
          - %s
        commitlog_directory: %s
        saved_caches_directory: %s
        hints_directory: %s
        cdc_raw_directory: %s

        commitlog_sync: periodic
        commitlog_sync_period: 10000ms
        commitlog_segment_size: 16MiB
        commitlog_total_space: 512MiB

        # One node on a small dev or CI box.
        auto_snapshot: false
        snapshot_before_compaction: false
        hinted_handoff_enabled: false
        dynamic_snitch: false
        concurrent_reads: 8
        concurrent_writes: 8
        concurrent_counter_writes: 8
        concurrent_materialized_view_writes: 2
        concurrent_compactors: 1
        # Trie memtables (Cassandra 5.0's newer, leaner implementation) holding their data off
        # the heap: a view row rewritten many times costs less to keep, and fewer, larger
        # flushes leave less to compact.
        memtable:
          configurations:
            skiplist:
              class_name: SkipListMemtable
            trie:
              class_name: TrieMemtable
            default:
              inherits: trie
        memtable_allocation_type: offheap_objects
        memtable_heap_space: 64MiB
        memtable_offheap_space: 256MiB
        key_cache_size: 16MiB
        counter_cache_size: 8MiB
        prepared_statements_cache_size: 16MiB
        native_transport_max_threads: 32
        disk_failure_policy: stop
        # Lightweight transactions (the view rows many entities fold into) in two round trips
        # instead of four; a production cluster chooses this in its own cassandra.yaml.
        paxos_variant: v2
        # Unlogged batches of rows whose partitions one replica set holds are Acta's way of
        # writing view rows under load in fewer requests (it reads these warnings and keeps its
        # batches under them); the stock 5KiB and 10 partitions warn of batches used as
        # transactions across replicas, which these are not.
        batch_size_warn_threshold: 64KiB
        batch_size_fail_threshold: 640KiB
        unlogged_batch_across_partitions_warn_threshold: 32
        commit_failure_policy: stop
        read_request_timeout: 10000ms
        write_request_timeout: 10000ms
        range_request_timeout: 20000ms
        request_timeout: 20000ms
        """
            .formatted(
                quote(clusterName),
                storagePort,
                storagePort,
                nativePort,
                quote(root().resolve("data").toString()),
                quote(root().resolve("commitlog").toString()),
                quote(root().resolve("saved_caches").toString()),
                quote(root().resolve("hints").toString()),
                quote(root().resolve("cdc_raw").toString()));
    Files.writeString(yaml(), yaml, StandardCharsets.UTF_8);
  }

  /** Writes {@code conf/logback.xml}: INFO to stdout, which goes to {@link #logFile()}. */
  public void writeLogback() throws IOException {
    String xml =
        """
        <!-- Written by acta-embedded-cassandra. The server's stdout goes to logs/cassandra.log. -->
        <configuration>
          <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%-5level [%thread] %date{ISO8601} %logger{0}:%line - %msg%n</pattern></encoder>
          </appender>
          <root level="INFO"><appender-ref ref="STDOUT"/></root>
        </configuration>
        """;
    Files.writeString(confDir().resolve("logback.xml"), xml, StandardCharsets.UTF_8);
  }

  /**
   * The child JVM's options (everything before the main class).
   *
   * @param javaFeature 11 or 17
   * @param heapMaxMegabytes {@code -Xmx}
   * @param classpath the class path entries
   * @param extra extra options, last so they win
   */
  public List<String> jvmOptions(
      int javaFeature, long heapMaxMegabytes, List<String> classpath, List<String> extra) {
    List<String> o = new ArrayList<>();
    o.add("-Xms" + Math.min(128, heapMaxMegabytes) + "m");
    o.add("-Xmx" + heapMaxMegabytes + "m");
    o.add("-Xss256k");
    o.add("-XX:+UseG1GC");
    o.add("-XX:+ParallelRefProcEnabled");
    o.add("-XX:MaxTenuringThreshold=1");
    o.add("-XX:G1RSetUpdatingPauseTimePercent=5");
    o.add("-XX:MaxGCPauseMillis=300");
    o.add("-XX:+PerfDisableSharedMem");
    o.add("-XX:+ExitOnOutOfMemoryError");
    o.addAll(moduleFlags(javaFeature));
    o.add("-Djava.net.preferIPv4Stack=true");
    o.add("-Dio.netty.tryReflectionSetAccessible=true");
    o.add("-Dio.netty.allocator.useCacheForAllThreads=true");
    o.add("-Dio.netty.allocator.maxOrder=11");
    o.add("-Dcassandra-foreground=true");
    o.add("-Dcassandra.config=" + yaml().toUri());
    o.add("-Dcassandra.storagedir=" + root());
    o.add("-Dcassandra.logdir=" + logDir());
    o.add("-Dcassandra.triggers_dir=" + root().resolve("triggers"));
    o.add("-Dlogback.configurationFile=" + confDir().resolve("logback.xml").toUri());
    // One node: nothing to wait for in gossip.
    o.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    o.addAll(lastJvmOptions(classpath, extra));
    return o;
  }

  /**
   * The {@code --add-exports}/{@code --add-opens} set of Cassandra's {@code
   * conf/jvm11-server.options} or {@code jvm17-server.options}.
   */
  static List<String> moduleFlags(int javaFeature) {
    List<String> exports =
        new ArrayList<>(
            List.of(
                "java.base/jdk.internal.misc",
                "java.base/jdk.internal.ref",
                "java.base/sun.nio.ch",
                "java.management.rmi/com.sun.jmx.remote.internal.rmi",
                "java.rmi/sun.rmi.registry",
                "java.rmi/sun.rmi.server",
                "java.sql/java.sql"));
    List<String> opens =
        new ArrayList<>(
            List.of(
                "java.base/java.lang.module",
                "java.base/jdk.internal.loader",
                "java.base/jdk.internal.ref",
                "java.base/jdk.internal.reflect",
                "java.base/jdk.internal.math",
                "java.base/jdk.internal.module",
                "java.base/jdk.internal.util.jar",
                "jdk.management/com.sun.management.internal",
                "java.base/sun.nio.ch",
                "java.base/java.io"));
    if (javaFeature >= 17) {
      exports.addAll(
          List.of(
              "java.base/java.lang.ref",
              "jdk.unsupported/sun.misc",
              "jdk.compiler/com.sun.tools.javac.file",
              "jdk.attach/sun.tools.attach"));
      opens.addAll(
          List.of(
              "java.base/java.lang.reflect",
              "jdk.compiler/com.sun.tools.javac",
              "java.base/java.lang",
              "java.base/java.util",
              "java.base/java.nio",
              "java.base/java.util.concurrent",
              "java.base/java.util.concurrent.atomic",
              "java.base/java.math",
              "java.base/java.net"));
    } else {
      exports.add("java.base/jdk.internal.util");
    }
    List<String> flags = new ArrayList<>();
    flags.add("-Djdk.attach.allowAttachSelf=true");
    for (String e : exports) flags.add("--add-exports=" + e + "=ALL-UNNAMED");
    for (String p : opens) flags.add("--add-opens=" + p + "=ALL-UNNAMED");
    return flags;
  }

  /** The last {@code lines} lines of the server's log, or a note that there is none. */
  public String logTail(int lines) {
    return LogScanner.tail(logFile(), lines);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
