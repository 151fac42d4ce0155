package io.acta.embedded.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What every embedded server's data directory holds, whatever the server: {@code conf/} with the
 * child JVM's options as a Java argument file ({@code conf/jvm.args}), and {@code logs/} with the
 * server's output (the previous start's moved aside to a {@code .1} file). Each server's own layout
 * extends it with its files.
 */
public abstract class DataDirectoryLayout {
  private final Path root;
  private final String logName;

  /**
   * The layout under {@code root}, an absolute, normalised path.
   *
   * @param logName the name of the server's log in {@code logs/}, e.g. {@code kafka.log}
   */
  protected DataDirectoryLayout(Path root, String logName) {
    this.root = root;
    this.logName = logName;
  }

  /** The data directory. */
  public Path root() {
    return root;
  }

  /** {@code conf/}. */
  public Path confDir() {
    return root.resolve("conf");
  }

  /** {@code logs/}. */
  public Path logDir() {
    return root.resolve("logs");
  }

  /** The server's stdout and stderr in {@code logs/}, e.g. {@code logs/kafka.log}. */
  public Path logFile() {
    return logDir().resolve(logName);
  }

  /** {@code conf/jvm.args}. */
  public Path argFile() {
    return confDir().resolve("jvm.args");
  }

  /** Writes {@code options} to {@code conf/jvm.args} (see {@link ChildJvm#writeArgFile}). */
  public Path writeArgFile(List<String> options) throws IOException {
    return ChildJvm.writeArgFile(argFile(), options);
  }

  /**
   * Creates {@code conf/}, {@code logs/} and {@code directories}, and moves the previous start's
   * log aside (e.g. to {@code logs/kafka.log.1}), so that the last run's output survives one
   * restart.
   */
  protected void prepareDirectories(List<Path> directories) throws IOException {
    Files.createDirectories(confDir());
    Files.createDirectories(logDir());
    for (Path d : directories) Files.createDirectories(d);
    if (Files.exists(logFile())) {
      Files.move(logFile(), logDir().resolve(logName + ".1"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * The options a server's JVM ends with: where {@link ServerMain} takes the server lock and writes
   * its pid in this directory, the class path, then {@code extra}, last so that they win.
   */
  protected List<String> lastJvmOptions(List<String> classpath, List<String> extra) {
    List<String> o = new ArrayList<>();
    o.add("-D" + ServerMain.LOCK_PROPERTY + "=" + root.resolve(DataDirectoryLock.SERVER_LOCK));
    o.add("-D" + ServerMain.PID_PROPERTY + "=" + root.resolve(DataDirectoryLock.SERVER_PID));
    o.add("-cp");
    o.add(String.join(File.pathSeparator, classpath));
    o.addAll(extra);
    return o;
  }
}
