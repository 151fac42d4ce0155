package io.acta.embedded.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/**
 * Keeps two servers off one data directory, with two operating-system file locks:
 *
 * <ul>
 *   <li>the owner's lock ({@link ServerKind#ownerLockFile()}, e.g. {@code
 *       embedded-cassandra.lock}), held by the {@code EmbeddedCassandra} or {@code EmbeddedKafka}
 *       that owns the directory, for as long as its server runs: a second owner, in this JVM or
 *       another, fails at once;
 *   <li>{@value #SERVER_LOCK}, held by the server's JVM itself ({@link ServerMain}), which also
 *       writes its pid to {@value #SERVER_PID}: a server whose owner died (and that is still
 *       shutting down) is waited for before a new one starts.
 * </ul>
 *
 * Both locks vanish with the process holding them, however it ends.
 */
public final class DataDirectoryLock implements AutoCloseable {
  /** The server JVM's lock file in the data directory. */
  public static final String SERVER_LOCK = "server.lock";

  /** The server JVM's pid file in the data directory. */
  public static final String SERVER_PID = "server.pid";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the owner's lock of {@code dataDir}.
   *
   * @throws RuntimeException the server API's exception when another owner holds the directory
   */
  public static DataDirectoryLock acquire(ServerKind kind, Path dataDir) {
    Path file = dataDir.resolve(kind.ownerLockFile());
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw kind.fail("Cannot open the lock file " + file + ": " + e.getMessage(), e);
    }
    String holder = null;
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return new DataDirectoryLock(channel, lock);
      }
      holder = "another process";
    } catch (OverlappingFileLockException e) {
      holder = "another " + kind.apiClass() + " in this JVM";
    } catch (IOException e) {
      closeQuietly(channel);
      throw kind.fail("Cannot lock " + file + ": " + e.getMessage(), e);
    }
    closeQuietly(channel);
    String pid =
        readPid(dataDir).map(p -> " (its " + kind.name() + " server has pid " + p + ")").orElse("");
    throw kind.fail(
        "The data directory "
            + dataDir
            + " is already in use by "
            + holder
            + pid
            + ": two "
            + kind.name()
            + " servers cannot share one data directory. Stop the other one, or give this one its"
            + " own data directory (setting "
            + kind.setting("data-directory")
            + " or "
            + kind.apiClass()
            + ".builder().dataDirectory(...)).");
  }

  /**
   * Waits until no server JVM holds {@value #SERVER_LOCK} of {@code dataDir} (one whose owner died
   * exits by itself within seconds), at most {@code timeout}.
   *
   * @throws RuntimeException the server API's exception when a server still holds it after {@code
   *     timeout}
   */
  public static void awaitNoServer(ServerKind kind, Path dataDir, Duration timeout, Logger log) {
    Path file = dataDir.resolve(SERVER_LOCK);
    if (!Files.exists(file)) return;
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean logged = false;
    while (true) {
      try (FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          lock.release();
          return;
        }
      } catch (IOException | OverlappingFileLockException e) {
        throw kind.fail("Cannot check the server lock " + file + ": " + e, e);
      }
      Optional<Long> pid = readPid(dataDir);
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw kind.fail(
            "A "
                + kind.name()
                + " server"
                + pid.map(p -> " (pid " + p + ")").orElse("")
                + " from an earlier run still uses the data directory "
                + dataDir
                + " after waiting "
                + timeout.toSeconds()
                + " s. Stop it"
                + pid.map(p -> " (kill " + p + ")").orElse("")
                + " and start again.");
      }
      if (!logged) {
        log.info(
            "Waiting for the {} server of an earlier run{} to release {}",
            kind.name(),
            pid.map(p -> " (pid " + p + ")").orElse(""),
            dataDir);
        logged = true;
      }
      Optional<ProcessHandle> handle = pid.flatMap(ProcessHandle::of);
      long step = Math.min(left, TimeUnit.MILLISECONDS.toNanos(200));
      try {
        if (handle.isPresent()) {
          handle.get().onExit().get(step, TimeUnit.NANOSECONDS);
        } else {
          TimeUnit.NANOSECONDS.sleep(step);
        }
      } catch (TimeoutException | ExecutionException e) {
        // check again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw kind.fail(
            "Interrupted while waiting for an earlier " + kind.name() + " server to exit", e);
      }
    }
  }

  /** The pid the server JVM wrote, if any. */
  public static Optional<Long> readPid(Path dataDir) {
    try {
      return Optional.of(
          Long.parseLong(
              Files.readString(dataDir.resolve(SERVER_PID), StandardCharsets.US_ASCII).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Releases the owner's lock. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
