package io.acta.embedded.cassandra;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.acta.config.Constraint;
import io.acta.config.Setting;
import io.acta.config.SettingValues;
import io.acta.config.SettingsReader;
import io.acta.config.SettingsTable;
import io.acta.embedded.cassandra.internal.CassandraKind;
import io.acta.embedded.cassandra.internal.ServerFiles;
import io.acta.embedded.internal.ChildJvm;
import io.acta.embedded.internal.JavaHomeLocator;
import io.acta.embedded.internal.LogScanner;
import io.acta.embedded.internal.Ports;
import io.acta.embedded.internal.ServerClasspath;
import io.acta.embedded.internal.ServerKind;
import io.acta.embedded.internal.ServerMain;
import io.acta.embedded.internal.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Cassandra server (the version of {@code cassandra-all} this module was built with,
 * 5.0.x) running in a child JVM on 127.0.0.1, for dev mode and integration tests.
 *
 * <pre>{@code
 * try (EmbeddedCassandra cassandra = EmbeddedCassandra.builder()
 *     .dataDirectory(Path.of("target/cassandra"))
 *     .start()) {
 *   CqlSession session = CqlSession.builder()
 *       .addContactPoint(cassandra.contactPoint())
 *       .withLocalDatacenter(cassandra.localDatacenter())
 *       .build();
 *   ...
 * }
 * }</pre>
 *
 * <p>Every setting can be given in code through {@link #builder()} and in HOCON under {@value
 * #CONFIG_PATH} through {@link #fromConfig} or {@link Builder#config}. Each is declared once, in
 * {@link #SETTINGS}: key, default, documentation (that of this module's {@code reference.conf}) and
 * allowed values.
 *
 * <p>The server runs on a Java 11 or 17 runtime, found by itself (see {@link Builder#javaHome}),
 * with Cassandra's own jars, which are never put on the caller's class path. Its output goes to
 * {@code logs/cassandra.log} in the data directory. The data directory keeps its data across
 * restarts and is used by one server at a time. The server never outlives the JVM that started it:
 * {@link #stop()} and a shutdown hook stop it cleanly, and if this JVM dies without running hooks
 * (even {@code kill -9}) the server notices that its standard input closed and exits.
 *
 * <p>Instances are thread-safe. An instance can be started again after {@link #stop()}.
 */
public final class EmbeddedCassandra implements AutoCloseable {
  /** Where the settings live in HOCON. */
  public static final String CONFIG_PATH = "acta.cassandra.embedded";

  private static final long MIB = 1024 * 1024;

  /** {@code data-directory}. */
  public static final Setting<String> DATA_DIRECTORY =
      Setting.string(
          "data-directory",
          "data/cassandra",
          """
          All of the server's files: data, commit log, hints, saved caches, its generated
          conf/cassandra.yaml and its output in logs/cassandra.log. Data survives restarts on the same
          directory; one server at a time per directory (a lock file guards it). A relative path is
          taken from the working directory; tests should give a temporary or target/ directory.\
          """);

  /** {@code cluster-name}. */
  public static final Setting<String> CLUSTER_NAME =
      Setting.string(
              "cluster-name",
              "acta",
              """
              The cluster's name. Cassandra refuses to start on data written under another name.\
              """)
          .requiring(Constraint.notBlank());

  /** {@code native-port}. */
  public static final Setting<Integer> NATIVE_PORT =
      Setting.integer(
              "native-port",
              0,
              """
              The CQL (native transport) port on 127.0.0.1. 0 chooses a free port: the one this data
              directory used last time if it is still free, else any free one, so two servers never
              collide. Set e.g. 9042 for a fixed port.\
              """)
          .requiring(Constraint.port());

  /** {@code storage-port}. */
  public static final Setting<Integer> STORAGE_PORT =
      Setting.integer(
              "storage-port",
              0,
              """
              The inter-node (storage) port on 127.0.0.1; 0 chooses a free port as for native-port.\
              """)
          .requiring(Constraint.port());

  /** {@code heap-max}, in bytes. */
  public static final Setting<Long> HEAP_MAX =
      Setting.memorySize(
              "heap-max",
              512 * MIB,
              """
              The server's maximum heap (-Xmx), a size such as 512m or 1g; at least 256m. The initial heap
              stays small (-Xms128m) so that an idle server stays small too.\
              """)
          .requiring(Constraint.atLeastBytes(256 * MIB));

  /** {@code java-home}; empty finds one. */
  public static final Setting<String> JAVA_HOME =
      Setting.string(
          "java-home",
          "",
          """
          The home of the Java runtime that runs the server; Cassandra 5.0 needs Java 11 or 17.
          Empty finds one: the environment variable ACTA_CASSANDRA_JAVA_HOME, the current JVM if it
          is 11 or 17, JAVA_HOME, then /usr/lib/jvm, /usr/java, /opt/java, ~/.sdkman/candidates/java
          and /Library/Java/JavaVirtualMachines (by each home's 'release' file), preferring 17.\
          """);

  /** {@code start-timeout}. */
  public static final Setting<Duration> START_TIMEOUT =
      Setting.duration(
              "start-timeout",
              Duration.ofSeconds(90),
              """
              How long start() waits for the server to serve CQL before it kills it and fails.\
              """)
          .requiring(Constraint.positive());

  /** {@code stop-timeout}. */
  public static final Setting<Duration> STOP_TIMEOUT =
      Setting.duration(
              "stop-timeout",
              Duration.ofSeconds(30),
              """
              How long stop() waits after SIGTERM (Cassandra flushes and exits, typically in a few
              seconds) before it kills the server.\
              """)
          .requiring(Constraint.positive());

  /** {@code jvm-options}. */
  public static final Setting<List<String>> JVM_OPTIONS =
      Setting.stringList(
          "jvm-options",
          List.of(),
          """
          Extra options for the server's JVM, after the built-in ones (so they win),
          e.g. ["-Dcassandra.ring_delay_ms=1000"].\
          """);

  /** {@code classpath}; empty uses the jars from the local Maven repository. */
  public static final Setting<String> CLASSPATH =
      Setting.string(
          "classpath",
          "",
          """
          The server's class path, entries separated by the platform's path separator (jars,
          directories, dir/*). Empty uses the jars of the cassandra-all version this module was built
          with, taken from the local Maven repository (-Dmaven.repo.local, else the localRepository of
          ~/.m2/settings.xml, else ~/.m2/repository).\
          """);

  /** Every setting of an embedded server, under {@value #CONFIG_PATH}. */
  public static final SettingsTable SETTINGS =
      SettingsTable.of(
          CONFIG_PATH,
          DATA_DIRECTORY,
          CLUSTER_NAME,
          NATIVE_PORT,
          STORAGE_PORT,
          HEAP_MAX,
          JAVA_HOME,
          START_TIMEOUT,
          STOP_TIMEOUT,
          JVM_OPTIONS,
          CLASSPATH);

  private static final Logger log = LoggerFactory.getLogger(EmbeddedCassandra.class);
  private static final ServerKind KIND = CassandraKind.KIND;
  private static final String LOCAL_DATACENTER = "datacenter1";

  private final Settings settings;
  private final ServerFiles files;
  private final ServerProcess server;
  private String cassandraVersion;

  private EmbeddedCassandra(Settings settings) {
    this.settings = settings;
    this.files = new ServerFiles(settings.dataDirectory());
    this.server = new ServerProcess(KIND, settings.dataDirectory(), settings.stopTimeout(), log);
  }

  /**
   * The settings of an embedded Cassandra server.
   *
   * @param dataDirectory all of the server's files: data, commit log, configuration, logs
   *     (absolute)
   * @param clusterName the cluster's name; fixed once the data directory holds data
   * @param nativePort the CQL port; 0 chooses a free one (the previous one again when it is free)
   * @param storagePort the inter-node port; 0 chooses a free one likewise
   * @param heapMaxMegabytes the server's maximum heap ({@code -Xmx}) in MiB
   * @param javaHome the Java 11 or 17 home to run the server with; null finds one
   * @param startTimeout how long {@link #start()} waits for the server to be ready
   * @param stopTimeout how long {@link #stop()} waits for a clean exit before killing the server
   * @param jvmOptions extra options for the server's JVM, after the built-in ones
   * @param classpath the server's class path instead of the one resolved from the local Maven
   *     repository; null or blank for that one
   */
  public record Settings(
      Path dataDirectory,
      String clusterName,
      int nativePort,
      int storagePort,
      long heapMaxMegabytes,
      Path javaHome,
      Duration startTimeout,
      Duration stopTimeout,
      List<String> jvmOptions,
      String classpath) {

    /** Validates (as {@link #SETTINGS} declares) and normalises. */
    public Settings {
      Objects.requireNonNull(dataDirectory, "data-directory");
      dataDirectory = dataDirectory.toAbsolutePath().normalize();
      // A null name is as unusable as a blank one, and has always been refused the same way.
      SETTINGS.check(CLUSTER_NAME, clusterName == null ? "" : clusterName);
      SETTINGS.check(NATIVE_PORT, nativePort);
      SETTINGS.check(STORAGE_PORT, storagePort);
      if (nativePort != 0 && nativePort == storagePort) {
        throw new IllegalArgumentException(
            "native-port and storage-port must differ, both are " + nativePort);
      }
      SETTINGS.check(HEAP_MAX, heapMaxMegabytes * MIB);
      SETTINGS.check(START_TIMEOUT, startTimeout);
      SETTINGS.check(STOP_TIMEOUT, stopTimeout);
      jvmOptions = List.copyOf(jvmOptions);
      if (classpath != null && classpath.isBlank()) classpath = null;
    }
  }

  /**
   * A builder starting from the defaults declared in {@link #SETTINGS} (those of this module's
   * {@code reference.conf}).
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A server (not started) with the settings under {@value #CONFIG_PATH} of {@code config}, a whole
   * configuration such as {@code ConfigFactory.load()}; keys it lacks keep the defaults of {@code
   * reference.conf}.
   */
  public static EmbeddedCassandra fromConfig(Config config) {
    return builder().config(config).build();
  }

  /** This server's settings. */
  public Settings settings() {
    return settings;
  }

  /**
   * Starts the server and blocks until it serves CQL. Does nothing when it already runs.
   *
   * @return this
   * @throws EmbeddedCassandraException when it cannot start or is not ready within the start
   *     timeout
   */
  public synchronized EmbeddedCassandra start() {
    if (isRunning()) return this;
    // What a server that died by itself left behind; nothing otherwise.
    server.cleanUp();
    long t0 = System.nanoTime();
    Path dataDir = settings.dataDirectory();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new EmbeddedCassandraException(
          "Cannot create the data directory " + dataDir + ": " + e, e);
    }
    try {
      server.lockDataDirectory();
      JavaHomeLocator.JavaHome java =
          JavaHomeLocator.forThisMachine(KIND, settings.javaHome()).locate();
      ServerClasspath.Resolved serverClasspath =
          ServerClasspath.resolve(KIND, settings.classpath());
      cassandraVersion = serverClasspath.version();
      List<String> classpath = new ArrayList<>();
      classpath.add(ServerClasspath.ownCodeLocation(KIND).toString());
      classpath.addAll(serverClasspath.entries());

      Ports.Chosen ports =
          server.choosePorts(
              new Ports.Request(NATIVE_PORT.key(), settings.nativePort()),
              new Ports.Request(STORAGE_PORT.key(), settings.storagePort()));
      files.prepare();
      files.writeYaml(settings.clusterName(), nativePortOf(ports), storagePortOf(ports));
      files.writeLogback();
      Path argFile =
          files.writeArgFile(
              files.jvmOptions(
                  java.feature(), settings.heapMaxMegabytes(), classpath, settings.jvmOptions()));

      log.info(
          "Starting Cassandra {} on 127.0.0.1 (CQL port {}, storage port {}, heap {}m) with Java {}"
              + " at {} ({}); data directory {}",
          cassandraVersion,
          nativePortOf(ports),
          storagePortOf(ports),
          settings.heapMaxMegabytes(),
          java.version(),
          java.home(),
          java.source(),
          dataDir);
      log.debug("Server class path: {}", serverClasspath.description());

      // stdin stays a pipe from this JVM: its end-of-file tells the server that this JVM is gone.
      ProcessBuilder pb =
          ChildJvm.processBuilder(
              java,
              argFile,
              List.of(ServerMain.class.getName(), KIND.name(), CassandraKind.MAIN_CLASS),
              dataDir,
              files.logFile());
      Process process = server.launch(pb);

      awaitReady(process, nativePortOf(ports), t0);
      server.markReady();
      log.info(
          "Cassandra {} ready on 127.0.0.1:{} in {} s (pid {}, log {})",
          cassandraVersion,
          nativePortOf(ports),
          ServerProcess.secondsSince(t0),
          process.pid(),
          files.logFile());
      return this;
    } catch (IOException e) {
      server.cleanUp();
      throw new EmbeddedCassandraException("Cannot start Cassandra in " + dataDir + ": " + e, e);
    } catch (RuntimeException | Error e) {
      server.cleanUp();
      throw e;
    }
  }

  private void awaitReady(Process process, int nativePort, long t0) {
    long deadline = t0 + settings.startTimeout().toNanos();
    LogScanner scanner = new LogScanner(files.logFile());
    boolean marker = false;
    while (true) {
      if (!process.isAlive()) {
        int code = process.exitValue();
        String why =
            code == ServerMain.EXIT_LOCKED
                ? "another Cassandra server holds the data directory " + settings.dataDirectory()
                : "see the log below";
        throw new EmbeddedCassandraException(
            "Cassandra exited with code "
                + code
                + " before it was ready ("
                + why
                + ").\n"
                + files.logTail(60));
      }
      if (!marker) marker = scanner.contains(ServerFiles.CQL_READY_MARKER);
      if (marker && Ports.accepts(nativePort)) return;
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new EmbeddedCassandraException(
            "Cassandra was not ready within "
                + settings.startTimeout().toSeconds()
                + " s (setting start-timeout); "
                + (marker
                    ? "its log says it listens for CQL clients but port "
                        + nativePort
                        + " refuses connections"
                    : "its log does not say \"" + ServerFiles.CQL_READY_MARKER + "\" yet")
                + ". It was stopped.\n"
                + files.logTail(60));
      }
      try {
        // Wakes up at once if the server exits.
        process
            .onExit()
            .get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // poll again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedCassandraException("Interrupted while waiting for Cassandra to start", e);
      }
    }
  }

  private static int nativePortOf(Ports.Chosen chosen) {
    return chosen.port(NATIVE_PORT.key());
  }

  private static int storagePortOf(Ports.Chosen chosen) {
    return chosen.port(STORAGE_PORT.key());
  }

  /**
   * Whether the server is up: {@link #start()} returned, it is not stopped and its process has not
   * died.
   */
  public boolean isRunning() {
    return server.isRunning();
  }

  /**
   * The address to give a CQL driver: 127.0.0.1 and the CQL port.
   *
   * @throws IllegalStateException when the server has not been started
   */
  public synchronized InetSocketAddress contactPoint() {
    return new InetSocketAddress(Ports.LOOPBACK, nativePort());
  }

  /**
   * The CQL port of the running server.
   *
   * @throws IllegalStateException when not started
   */
  public synchronized int nativePort() {
    return nativePortOf(server.ports());
  }

  /**
   * The inter-node port of the running server.
   *
   * @throws IllegalStateException when not started
   */
  public synchronized int storagePort() {
    return storagePortOf(server.ports());
  }

  /**
   * The local datacenter to give a CQL driver: {@code datacenter1}, that of Cassandra's {@code
   * SimpleSnitch}.
   */
  public String localDatacenter() {
    return LOCAL_DATACENTER;
  }

  /**
   * The pid of the server's JVM.
   *
   * @throws IllegalStateException when not started
   */
  public synchronized long pid() {
    return server.process().pid();
  }

  /**
   * The Cassandra version started, e.g. {@code 5.0.9}.
   *
   * @throws IllegalStateException when not started
   */
  public synchronized String cassandraVersion() {
    server.checkStarted();
    return cassandraVersion;
  }

  /** The data directory (absolute). */
  public Path dataDirectory() {
    return settings.dataDirectory();
  }

  /**
   * The file that receives the server's output: {@code logs/cassandra.log} in the data directory.
   */
  public Path logFile() {
    return files.logFile();
  }

  /**
   * Stops the server: SIGTERM, which makes Cassandra flush and exit, then after the stop timeout a
   * forced kill. Does nothing when it does not run.
   */
  public synchronized void stop() {
    server.stop();
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /**
   * When the JVM shuts down, wait up to {@code grace} for this server's owner to stop it (through
   * {@link #close()}) before stopping it from the JVM's own shutdown hook; zero (the default) stops
   * it at once. A node in dev mode sets it: Java runs shutdown hooks concurrently, and the node's
   * own hook still writes to the server while it leaves its cluster.
   */
  public EmbeddedCassandra stopAtJvmExitAfter(Duration grace) {
    server.stopAtJvmExitAfter(grace);
    return this;
  }

  @Override
  public synchronized String toString() {
    return "EmbeddedCassandra["
        + dataDirectory()
        + (isRunning() ? ", 127.0.0.1:" + nativePortOf(server.ports()) : ", stopped")
        + "]";
  }

  /**
   * Builds an {@link EmbeddedCassandra}. Each setter sets the setting of the same name in {@link
   * EmbeddedCassandra#SETTINGS}; what is not set keeps its default.
   */
  public static final class Builder {
    /**
     * Only what was set, in code or by {@link #config}; {@link SettingValues#get} gives the rest's
     * defaults.
     */
    private SettingValues values = SettingValues.empty();

    private Builder() {}

    /**
     * Takes every key present under {@value EmbeddedCassandra#CONFIG_PATH} of {@code config} (a
     * whole configuration); keys it lacks keep their current values.
     *
     * @throws IllegalArgumentException when a value there is invalid (the message names its full
     *     path)
     */
    public Builder config(Config config) {
      values = values.withAll(SettingsReader.read(config, SETTINGS));
      return this;
    }

    /**
     * {@link EmbeddedCassandra#DATA_DIRECTORY}; a relative path is taken from the working
     * directory.
     */
    public Builder dataDirectory(Path directory) {
      return set(DATA_DIRECTORY, Objects.requireNonNull(directory, "directory").toString());
    }

    /** {@link EmbeddedCassandra#CLUSTER_NAME}. */
    public Builder clusterName(String name) {
      return set(CLUSTER_NAME, name);
    }

    /** {@link EmbeddedCassandra#NATIVE_PORT}: the CQL port; 0 chooses a free one. */
    public Builder nativePort(int port) {
      return set(NATIVE_PORT, port);
    }

    /** {@link EmbeddedCassandra#STORAGE_PORT}: the inter-node port; 0 chooses a free one. */
    public Builder storagePort(int port) {
      return set(STORAGE_PORT, port);
    }

    /**
     * {@link EmbeddedCassandra#HEAP_MAX} as a HOCON size, e.g. {@code "512m"}, {@code "1g"}, {@code
     * "768MiB"}.
     */
    public Builder heapMax(String size) {
      Objects.requireNonNull(size, "size");
      long bytes;
      try {
        bytes = ConfigFactory.parseMap(Map.of("s", size)).getMemorySize("s").toBytes();
      } catch (ConfigException e) {
        throw new IllegalArgumentException(
            "heap-max must be a size such as 512m or 1g, was \"" + size + "\"", e);
      }
      return set(HEAP_MAX, bytes);
    }

    /**
     * {@link EmbeddedCassandra#JAVA_HOME}: the Java 11 or 17 home to run the server with; null (the
     * default) finds one.
     */
    public Builder javaHome(Path home) {
      return set(JAVA_HOME, home == null ? "" : home.toString());
    }

    /** {@link EmbeddedCassandra#START_TIMEOUT}. */
    public Builder startTimeout(Duration timeout) {
      return set(START_TIMEOUT, timeout);
    }

    /** {@link EmbeddedCassandra#STOP_TIMEOUT}. */
    public Builder stopTimeout(Duration timeout) {
      return set(STOP_TIMEOUT, timeout);
    }

    /** {@link EmbeddedCassandra#JVM_OPTIONS}: replaces the extra options of the server's JVM. */
    public Builder jvmOptions(List<String> options) {
      return set(JVM_OPTIONS, List.copyOf(options));
    }

    /** Adds one extra option for the server's JVM, e.g. {@code -Dcassandra.ring_delay_ms=1000}. */
    public Builder addJvmOption(String option) {
      List<String> options = new ArrayList<>(values.get(JVM_OPTIONS));
      options.add(Objects.requireNonNull(option, "option"));
      return set(JVM_OPTIONS, List.copyOf(options));
    }

    /**
     * {@link EmbeddedCassandra#CLASSPATH}: null or blank for the jars from the local Maven
     * repository.
     */
    public Builder classpath(String classpath) {
      return set(CLASSPATH, classpath);
    }

    private <T> Builder set(Setting<T> setting, T value) {
      values = values.with(setting, value);
      return this;
    }

    /**
     * The server, not started.
     *
     * @throws IllegalArgumentException for invalid settings
     */
    public EmbeddedCassandra build() {
      String javaHome = values.get(JAVA_HOME);
      return new EmbeddedCassandra(
          new Settings(
              Path.of(values.get(DATA_DIRECTORY)),
              values.get(CLUSTER_NAME),
              values.get(NATIVE_PORT),
              values.get(STORAGE_PORT),
              values.get(HEAP_MAX) / MIB,
              javaHome.isBlank() ? null : Path.of(javaHome),
              values.get(START_TIMEOUT),
              values.get(STOP_TIMEOUT),
              values.get(JVM_OPTIONS),
              values.get(CLASSPATH)));
    }

    /** Builds the server and {@linkplain EmbeddedCassandra#start() starts} it. */
    public EmbeddedCassandra start() {
      return build().start();
    }
  }
}
