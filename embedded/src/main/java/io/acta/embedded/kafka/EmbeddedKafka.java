package io.acta.embedded.kafka;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.acta.config.Constraint;
import io.acta.config.Setting;
import io.acta.config.SettingValues;
import io.acta.config.SettingsReader;
import io.acta.config.SettingsTable;
import io.acta.embedded.internal.ChildJvm;
import io.acta.embedded.internal.JavaHomeLocator;
import io.acta.embedded.internal.LogScanner;
import io.acta.embedded.internal.Ports;
import io.acta.embedded.internal.ServerClasspath;
import io.acta.embedded.internal.ServerKind;
import io.acta.embedded.internal.ServerMain;
import io.acta.embedded.internal.ServerProcess;
import io.acta.embedded.kafka.internal.KafkaFiles;
import io.acta.embedded.kafka.internal.KafkaKind;
import java.io.IOException;
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
 * A real Apache Kafka broker (the version of {@code kafka_2.13} this module was built with, 4.x) in
 * KRaft mode, without ZooKeeper, running in a child JVM on 127.0.0.1, for dev mode and integration
 * tests. One node is both broker and controller.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder()
 *     .dataDirectory(Path.of("target/kafka"))
 *     .start()) {
 *   Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers());
 *   ...
 * }
 * }</pre>
 *
 * <p>Every setting can be given in code through {@link #builder()} and in HOCON under {@value
 * #CONFIG_PATH} through {@link #fromConfig} or {@link Builder#config}. Each is declared once, in
 * {@link #SETTINGS}: key, default, documentation (that of this module's {@code reference.conf}) and
 * allowed values.
 *
 * <p>The broker runs on a Java 17 or newer runtime, found by itself (see {@link Builder#javaHome}),
 * with Kafka's own jars, which are never put on the caller's class path. The first start on a data
 * directory formats its storage for a new cluster id, kept in the directory, so that later starts
 * find their topics and offsets again. Its output goes to {@code logs/kafka.log} in the data
 * directory. The data directory is used by one broker at a time. The broker never outlives the JVM
 * that started it: {@link #stop()} and a shutdown hook stop it cleanly, and if this JVM dies
 * without running hooks (even {@code kill -9}) the broker notices that its standard input closed
 * and exits.
 *
 * <p>Instances are thread-safe. An instance can be started again after {@link #stop()}.
 */
public final class EmbeddedKafka implements AutoCloseable {
  /**
   * Where the settings live in HOCON. Not {@code acta.kafka.embedded}, which the acta-kafka module
   * uses for its on/off switch of dev mode's broker: one path cannot hold both a boolean and these
   * settings.
   */
  public static final String CONFIG_PATH = "acta.kafka.embedded-broker";

  private static final long MIB = 1024 * 1024;

  /** {@code data-directory}. */
  public static final Setting<String> DATA_DIRECTORY =
      Setting.string(
          "data-directory",
          "data/kafka",
          """
          All of the broker's files: its partitions and metadata log in kafka-logs/, its cluster id,
          its generated conf/server.properties and its output in logs/kafka.log. Data survives
          restarts on the same directory; one broker at a time per directory (a lock file guards
          it). A relative path is taken from the working directory; tests should give a temporary or
          target/ directory.\
          """);

  /** {@code port}. */
  public static final Setting<Integer> PORT =
      Setting.integer(
              "port",
              0,
              """
              The broker's port for clients (PLAINTEXT) on 127.0.0.1, the one bootstrapServers()
              names. 0 chooses a free port: the one this data directory used last time if it is
              still free, else any free one, so two brokers never collide. Set e.g. 9092 for a fixed
              port.\
              """)
          .requiring(Constraint.port());

  /** {@code controller-port}. */
  public static final Setting<Integer> CONTROLLER_PORT =
      Setting.integer(
              "controller-port",
              0,
              """
              The KRaft controller's port on 127.0.0.1 (the broker is its own controller); 0 chooses
              a free port as for port.\
              """)
          .requiring(Constraint.port());

  /** {@code heap-max}, in bytes. */
  public static final Setting<Long> HEAP_MAX =
      Setting.memorySize(
              "heap-max",
              512 * MIB,
              """
              The broker's maximum heap (-Xmx), a size such as 512m or 1g; at least 128m. The initial
              heap stays small (-Xms128m at most) so that an idle broker stays small too.\
              """)
          .requiring(Constraint.atLeastBytes(128 * MIB));

  /** {@code java-home}; empty finds one. */
  public static final Setting<String> JAVA_HOME =
      Setting.string(
          "java-home",
          "",
          """
          The home of the Java runtime that runs the broker; Kafka 4 needs Java 17 or newer. Empty
          finds one: the environment variable ACTA_KAFKA_JAVA_HOME, the current JVM if it is 17 or
          21, else among the current JVM, JAVA_HOME, /usr/lib/jvm, /usr/java, /opt/java,
          ~/.sdkman/candidates/java and /Library/Java/JavaVirtualMachines (by each home's 'release'
          file) a 17, else a 21, else the newest.\
          """);

  /** {@code start-timeout}. */
  public static final Setting<Duration> START_TIMEOUT =
      Setting.duration(
              "start-timeout",
              Duration.ofSeconds(60),
              """
              How long start() waits for the broker to serve clients, formatting the storage of a
              new data directory included, before it kills the broker and fails.\
              """)
          .requiring(Constraint.positive());

  /** {@code stop-timeout}. */
  public static final Setting<Duration> STOP_TIMEOUT =
      Setting.duration(
              "stop-timeout",
              Duration.ofSeconds(30),
              """
              How long stop() waits after SIGTERM (the broker shuts down cleanly, typically in a
              few seconds) before it kills the broker.\
              """)
          .requiring(Constraint.positive());

  /** {@code jvm-options}. */
  public static final Setting<List<String>> JVM_OPTIONS =
      Setting.stringList(
          "jvm-options",
          List.of(),
          """
          Extra options for the broker's JVM, after the built-in ones (so they win),
          e.g. ["-XX:+UseSerialGC"].\
          """);

  /** {@code classpath}; empty uses the jars from the local Maven repository. */
  public static final Setting<String> CLASSPATH =
      Setting.string(
          "classpath",
          "",
          """
          The broker's class path, entries separated by the platform's path separator (jars,
          directories, dir/*). Empty uses the jars of the kafka_2.13 version this module was built
          with, taken from the local Maven repository (-Dmaven.repo.local, else the localRepository
          of ~/.m2/settings.xml, else ~/.m2/repository).\
          """);

  /** {@code partitions}. */
  public static final Setting<Integer> PARTITIONS =
      Setting.integer(
              "partitions",
              4,
              """
              The number of partitions of a topic created without saying how many: by the broker
              itself (auto-create-topics) or by a client that leaves it to the broker
              (num.partitions).\
              """)
          .requiring(Constraint.atLeast(1));

  /** {@code auto-create-topics}. */
  public static final Setting<Boolean> AUTO_CREATE_TOPICS =
      Setting.bool(
          "auto-create-topics",
          true,
          """
          Whether the broker creates a topic when a client first uses it
          (auto.create.topics.enable). Off, topics must be created first, as on most production
          clusters.\
          """);

  /** Every setting of an embedded broker, under {@value #CONFIG_PATH}. */
  public static final SettingsTable SETTINGS =
      SettingsTable.of(
          CONFIG_PATH,
          DATA_DIRECTORY,
          PORT,
          CONTROLLER_PORT,
          HEAP_MAX,
          JAVA_HOME,
          START_TIMEOUT,
          STOP_TIMEOUT,
          JVM_OPTIONS,
          CLASSPATH,
          PARTITIONS,
          AUTO_CREATE_TOPICS);

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final ServerKind KIND = KafkaKind.KIND;
  private static final int LOG_TAIL_LINES = 60;

  private final Settings settings;
  private final KafkaFiles files;
  private final ServerProcess server;
  private String kafkaVersion;
  private String clusterId;

  private EmbeddedKafka(Settings settings) {
    this.settings = settings;
    this.files = new KafkaFiles(settings.dataDirectory());
    this.server = new ServerProcess(KIND, settings.dataDirectory(), settings.stopTimeout(), log);
  }

  /**
   * The settings of an embedded Kafka broker.
   *
   * @param dataDirectory all of the broker's files: partitions, metadata, configuration, logs
   *     (absolute)
   * @param port the port for clients; 0 chooses a free one (the previous one again when it is free)
   * @param controllerPort the KRaft controller's port; 0 chooses a free one likewise
   * @param heapMaxMegabytes the broker's maximum heap ({@code -Xmx}) in MiB
   * @param javaHome the Java 17+ home to run the broker with; null finds one
   * @param startTimeout how long {@link #start()} waits for the broker to be ready
   * @param stopTimeout how long {@link #stop()} waits for a clean exit before killing the broker
   * @param jvmOptions extra options for the broker's JVM, after the built-in ones
   * @param classpath the broker's class path instead of the one resolved from the local Maven
   *     repository; null or blank for that one
   * @param partitions the partitions of a topic created without saying how many
   * @param autoCreateTopics whether the broker creates a topic when a client first uses it
   */
  public record Settings(
      Path dataDirectory,
      int port,
      int controllerPort,
      long heapMaxMegabytes,
      Path javaHome,
      Duration startTimeout,
      Duration stopTimeout,
      List<String> jvmOptions,
      String classpath,
      int partitions,
      boolean autoCreateTopics) {

    /** Validates (as {@link #SETTINGS} declares) and normalises. */
    public Settings {
      Objects.requireNonNull(dataDirectory, "data-directory");
      dataDirectory = dataDirectory.toAbsolutePath().normalize();
      SETTINGS.check(PORT, port);
      SETTINGS.check(CONTROLLER_PORT, controllerPort);
      if (port != 0 && port == controllerPort) {
        throw new IllegalArgumentException(
            "port and controller-port must differ, both are " + port);
      }
      SETTINGS.check(HEAP_MAX, heapMaxMegabytes * MIB);
      SETTINGS.check(START_TIMEOUT, startTimeout);
      SETTINGS.check(STOP_TIMEOUT, stopTimeout);
      SETTINGS.check(PARTITIONS, partitions);
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
   * A broker (not started) with the settings under {@value #CONFIG_PATH} of {@code config}, a whole
   * configuration such as {@code ConfigFactory.load()}; keys it lacks keep the defaults of {@code
   * reference.conf}.
   */
  public static EmbeddedKafka fromConfig(Config config) {
    return builder().config(config).build();
  }

  /** This broker's settings. */
  public Settings settings() {
    return settings;
  }

  /**
   * Starts the broker and blocks until it serves clients; on a data directory's first start,
   * formats its storage first. Does nothing when it already runs.
   *
   * @return this
   * @throws EmbeddedKafkaException when it cannot start or is not ready within the start timeout
   */
  public synchronized EmbeddedKafka start() {
    if (isRunning()) return this;
    // What a broker that died by itself left behind; nothing otherwise.
    server.cleanUp();
    long t0 = System.nanoTime();
    long deadline = t0 + settings.startTimeout().toNanos();
    Path dataDir = settings.dataDirectory();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new EmbeddedKafkaException("Cannot create the data directory " + dataDir + ": " + e, e);
    }
    try {
      server.lockDataDirectory();
      JavaHomeLocator.JavaHome java =
          JavaHomeLocator.forThisMachine(KIND, settings.javaHome()).locate();
      ServerClasspath.Resolved serverClasspath =
          ServerClasspath.resolve(KIND, settings.classpath());
      kafkaVersion = serverClasspath.version();
      List<String> classpath = new ArrayList<>();
      classpath.add(ServerClasspath.ownCodeLocation(KIND).toString());
      classpath.addAll(serverClasspath.entries());

      Ports.Chosen ports =
          server.choosePorts(
              new Ports.Request(PORT.key(), settings.port()),
              new Ports.Request(CONTROLLER_PORT.key(), settings.controllerPort()));
      files.prepare();
      clusterId = files.clusterId();
      files.writeServerProperties(
          portOf(ports),
          controllerPortOf(ports),
          settings.partitions(),
          settings.autoCreateTopics());
      files.writeLog4j();
      Path argFile =
          files.writeArgFile(
              files.jvmOptions(settings.heapMaxMegabytes(), classpath, settings.jvmOptions()));

      log.info(
          "Starting Kafka {} on 127.0.0.1 (port {}, controller port {}, heap {}m) with Java {} at"
              + " {} ({}); data directory {}",
          kafkaVersion,
          portOf(ports),
          controllerPortOf(ports),
          settings.heapMaxMegabytes(),
          java.version(),
          java.home(),
          java.source(),
          dataDir);
      log.debug("Broker class path: {}", serverClasspath.description());

      if (!files.isFormatted()) format(java, argFile, deadline);

      Process process =
          server.launch(
              ChildJvm.processBuilder(
                  java,
                  argFile,
                  List.of(
                      ServerMain.class.getName(),
                      KIND.name(),
                      KafkaKind.MAIN_CLASS,
                      files.serverProperties().toString()),
                  dataDir,
                  files.logFile()));

      awaitReady(process, portOf(ports), deadline);
      server.markReady();
      log.info(
          "Kafka {} ready on {} in {} s (pid {}, cluster id {}, log {})",
          kafkaVersion,
          bootstrapServersOf(ports),
          ServerProcess.secondsSince(t0),
          process.pid(),
          clusterId,
          files.logFile());
      return this;
    } catch (IOException e) {
      server.cleanUp();
      throw new EmbeddedKafkaException("Cannot start Kafka in " + dataDir + ": " + e, e);
    } catch (RuntimeException | Error e) {
      server.cleanUp();
      throw e;
    }
  }

  /**
   * Formats the storage of a new data directory for {@link #clusterId}, with Kafka's storage tool
   * in a child JVM like the broker's (same class path, options and parent watch).
   */
  private void format(JavaHomeLocator.JavaHome java, Path argFile, long deadline)
      throws IOException {
    log.info(
        "Formatting Kafka's storage in {} for cluster id {} (first start of this data directory)",
        files.kafkaLogDir(),
        clusterId);
    long t0 = System.nanoTime();
    List<String> command = new ArrayList<>();
    command.add(ServerMain.class.getName());
    command.add(KIND.name());
    command.add(KafkaKind.STORAGE_TOOL);
    command.addAll(files.formatArguments(clusterId));
    Process tool =
        ChildJvm.processBuilder(java, argFile, command, settings.dataDirectory(), files.logFile())
            .start();
    try {
      if (!tool.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new EmbeddedKafkaException(
            "Formatting Kafka's storage in "
                + files.kafkaLogDir()
                + " took longer than the start timeout of "
                + settings.startTimeout().toSeconds()
                + " s (setting start-timeout); it was stopped.\n"
                + files.logTail(LOG_TAIL_LINES));
      }
      int code = tool.exitValue();
      if (code != 0) {
        throw new EmbeddedKafkaException(
            "Formatting Kafka's storage in "
                + files.kafkaLogDir()
                + " failed with exit code "
                + code
                + " ("
                + exitReason(code)
                + ").\n"
                + files.logTail(LOG_TAIL_LINES));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedKafkaException("Interrupted while formatting Kafka's storage", e);
    } finally {
      if (tool.isAlive()) {
        tool.destroyForcibly();
        try {
          tool.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      tool.getOutputStream().close();
    }
    log.info("Formatted Kafka's storage in {} s", ServerProcess.secondsSince(t0));
  }

  private void awaitReady(Process process, int port, long deadline) {
    LogScanner scanner = new LogScanner(files.logFile());
    boolean marker = false;
    while (true) {
      if (!process.isAlive()) {
        int code = process.exitValue();
        throw new EmbeddedKafkaException(
            "Kafka exited with code "
                + code
                + " before it was ready ("
                + exitReason(code)
                + ").\n"
                + files.logTail(LOG_TAIL_LINES));
      }
      if (!marker) marker = scanner.contains(KafkaFiles.STARTED_MARKER);
      if (marker && Ports.accepts(port)) return;
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new EmbeddedKafkaException(
            "Kafka was not ready within "
                + settings.startTimeout().toSeconds()
                + " s (setting start-timeout); "
                + (marker
                    ? "its log says it started but port " + port + " refuses connections"
                    : "its log does not say \"" + KafkaFiles.STARTED_MARKER + "\" yet")
                + ". It was stopped.\n"
                + files.logTail(LOG_TAIL_LINES));
      }
      try {
        // Wakes up at once if the broker exits.
        process
            .onExit()
            .get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // poll again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedKafkaException("Interrupted while waiting for Kafka to start", e);
      }
    }
  }

  private String exitReason(int code) {
    return code == ServerMain.EXIT_LOCKED
        ? "another Kafka broker holds the data directory " + settings.dataDirectory()
        : "see the log below";
  }

  /**
   * Whether the broker is up: {@link #start()} returned, it is not stopped and its process has not
   * died.
   */
  public boolean isRunning() {
    return server.isRunning();
  }

  /**
   * The address to give a Kafka client as {@code bootstrap.servers}: {@code 127.0.0.1:<port>}.
   *
   * @throws IllegalStateException when the broker has not been started
   */
  public synchronized String bootstrapServers() {
    return bootstrapServersOf(server.ports());
  }

  /**
   * The broker's port for clients.
   *
   * @throws IllegalStateException when not started
   */
  public synchronized int port() {
    return portOf(server.ports());
  }

  /**
   * The KRaft controller's port.
   *
   * @throws IllegalStateException when not started
   */
  public synchronized int controllerPort() {
    return controllerPortOf(server.ports());
  }

  /**
   * The pid of the broker's JVM.
   *
   * @throws IllegalStateException when not started
   */
  public synchronized long pid() {
    return server.process().pid();
  }

  /**
   * The Kafka version started, e.g. {@code 4.1.1}; {@code unknown} for a class path given
   * explicitly without a {@code kafka_2.13-<version>.jar}.
   *
   * @throws IllegalStateException when not started
   */
  public synchronized String kafkaVersion() {
    server.checkStarted();
    return kafkaVersion;
  }

  /**
   * The cluster id of the data directory, chosen on its first start and the same on every later
   * one.
   *
   * @throws IllegalStateException when not started
   */
  public synchronized String clusterId() {
    server.checkStarted();
    return clusterId;
  }

  /** The data directory (absolute). */
  public Path dataDirectory() {
    return settings.dataDirectory();
  }

  /** The file that receives the broker's output: {@code logs/kafka.log} in the data directory. */
  public Path logFile() {
    return files.logFile();
  }

  private static int portOf(Ports.Chosen chosen) {
    return chosen.port(PORT.key());
  }

  private static int controllerPortOf(Ports.Chosen chosen) {
    return chosen.port(CONTROLLER_PORT.key());
  }

  private static String bootstrapServersOf(Ports.Chosen chosen) {
    return Ports.LOOPBACK.getHostAddress() + ":" + portOf(chosen);
  }

  /**
   * Stops the broker: SIGTERM, which makes Kafka shut down cleanly, then after the stop timeout a
   * forced kill. Releases the data directory. Does nothing when it does not run.
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
  public EmbeddedKafka stopAtJvmExitAfter(Duration grace) {
    server.stopAtJvmExitAfter(grace);
    return this;
  }

  @Override
  public synchronized String toString() {
    return "EmbeddedKafka["
        + dataDirectory()
        + (isRunning() ? ", " + bootstrapServersOf(server.ports()) : ", stopped")
        + "]";
  }

  /**
   * Builds an {@link EmbeddedKafka}. Each setter sets the setting of the same name in {@link
   * EmbeddedKafka#SETTINGS}; what is not set keeps its default.
   */
  public static final class Builder {
    /**
     * Only what was set, in code or by {@link #config}; {@link SettingValues#get} gives the rest's
     * defaults.
     */
    private SettingValues values = SettingValues.empty();

    private Builder() {}

    /**
     * Takes every key present under {@value EmbeddedKafka#CONFIG_PATH} of {@code config} (a whole
     * configuration); keys it lacks keep their current values.
     *
     * @throws IllegalArgumentException when a value there is invalid (the message names its full
     *     path)
     */
    public Builder config(Config config) {
      values = values.withAll(SettingsReader.read(config, SETTINGS));
      return this;
    }

    /**
     * {@link EmbeddedKafka#DATA_DIRECTORY}; a relative path is taken from the working directory.
     */
    public Builder dataDirectory(Path directory) {
      return set(DATA_DIRECTORY, Objects.requireNonNull(directory, "directory").toString());
    }

    /** {@link EmbeddedKafka#PORT}: the port for clients; 0 chooses a free one. */
    public Builder port(int port) {
      return set(PORT, port);
    }

    /** {@link EmbeddedKafka#CONTROLLER_PORT}: the KRaft controller's port; 0 chooses a free one. */
    public Builder controllerPort(int port) {
      return set(CONTROLLER_PORT, port);
    }

    /**
     * {@link EmbeddedKafka#HEAP_MAX} as a HOCON size, e.g. {@code "512m"}, {@code "1g"}, {@code
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
     * {@link EmbeddedKafka#JAVA_HOME}: the Java 17+ home to run the broker with; null (the default)
     * finds one.
     */
    public Builder javaHome(Path home) {
      return set(JAVA_HOME, home == null ? "" : home.toString());
    }

    /** {@link EmbeddedKafka#START_TIMEOUT}. */
    public Builder startTimeout(Duration timeout) {
      return set(START_TIMEOUT, timeout);
    }

    /** {@link EmbeddedKafka#STOP_TIMEOUT}. */
    public Builder stopTimeout(Duration timeout) {
      return set(STOP_TIMEOUT, timeout);
    }

    /** {@link EmbeddedKafka#JVM_OPTIONS}: replaces the extra options of the broker's JVM. */
    public Builder jvmOptions(List<String> options) {
      return set(JVM_OPTIONS, List.copyOf(options));
    }

    /** Adds one extra option for the broker's JVM, e.g. {@code -XX:+UseSerialGC}. */
    public Builder addJvmOption(String option) {
      List<String> options = new ArrayList<>(values.get(JVM_OPTIONS));
      options.add(Objects.requireNonNull(option, "option"));
      return set(JVM_OPTIONS, List.copyOf(options));
    }

    /**
     * {@link EmbeddedKafka#CLASSPATH}: null or blank for the jars from the local Maven repository.
     */
    public Builder classpath(String classpath) {
      return set(CLASSPATH, classpath == null ? "" : classpath);
    }

    /** {@link EmbeddedKafka#PARTITIONS}: the partitions of a topic created without a count. */
    public Builder partitions(int partitions) {
      return set(PARTITIONS, partitions);
    }

    /** {@link EmbeddedKafka#AUTO_CREATE_TOPICS}. */
    public Builder autoCreateTopics(boolean autoCreate) {
      return set(AUTO_CREATE_TOPICS, autoCreate);
    }

    private <T> Builder set(Setting<T> setting, T value) {
      values = values.with(setting, value);
      return this;
    }

    /**
     * The broker, not started.
     *
     * @throws IllegalArgumentException for invalid settings
     */
    public EmbeddedKafka build() {
      String javaHome = values.get(JAVA_HOME);
      return new EmbeddedKafka(
          new Settings(
              Path.of(values.get(DATA_DIRECTORY)),
              values.get(PORT),
              values.get(CONTROLLER_PORT),
              values.get(HEAP_MAX) / MIB,
              javaHome.isBlank() ? null : Path.of(javaHome),
              values.get(START_TIMEOUT),
              values.get(STOP_TIMEOUT),
              values.get(JVM_OPTIONS),
              values.get(CLASSPATH),
              values.get(PARTITIONS),
              values.get(AUTO_CREATE_TOPICS)));
    }

    /** Builds the broker and {@linkplain EmbeddedKafka#start() starts} it. */
    public EmbeddedKafka start() {
      return build().start();
    }
  }
}
