package io.acta.embedded.cassandra.internal;

import io.acta.embedded.cassandra.EmbeddedCassandraException;
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
 *   <li>{@value #OWNER_LOCK}, held by the {@code EmbeddedCassandra} that owns the directory, for as
 *       long as its server runs: a second owner, in this JVM or another, fails at once;
 *   <li>{@value #SERVER_LOCK}, held by the server's JVM itself ({@link CassandraMain}), which also
 *       writes its pid to {@value #SERVER_PID}: a server whose owner died (and that is still
 *       shutting down) is waited for before a new one starts.
 * </ul>
 *
 * Both locks vanish with the process holding them, however it ends.
 */
public final class DataDirectoryLock implements AutoCloseable {
  /** The owner's lock file in the data directory. */
  public static final String OWNER_LOCK = "embedded-cassandra.lock";

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
   * @throws EmbeddedCassandraException when another {@code EmbeddedCassandra} owns the directory
   */
  public static DataDirectoryLock acquire(Path dataDir) {
    Path file = dataDir.resolve(OWNER_LOCK);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new EmbeddedCassandraException(
          "Cannot open the lock file " + file + ": " + e.getMessage(), e);
    }
    String holder = null;
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return new DataDirectoryLock(channel, lock);
      }
      holder = "another process";
    } catch (OverlappingFileLockException e) {
      holder = "another EmbeddedCassandra in this JVM";
    } catch (IOException e) {
      closeQuietly(channel);
      throw new EmbeddedCassandraException("Cannot lock " + file + ": " + e.getMessage(), e);
    }
    closeQuietly(channel);
    String pid = readPid(dataDir).map(p -> " (its Cassandra server has pid " + p + ")").orElse("");
    throw new EmbeddedCassandraException(
        "The data directory "
            + dataDir
            + " is already in use by "
            + holder
            + pid
            + ": two Cassandra servers cannot share one data directory. Stop the other one, or give"
            + " this one its own data directory (setting acta.cassandra.embedded.data-directory or"
            + " EmbeddedCassandra.builder().dataDirectory(...)).");
  }

  /**
   * Waits until no server JVM holds {@value #SERVER_LOCK} of {@code dataDir} (one whose owner died
   * exits by itself within seconds), at most {@code timeout}.
   *
   * @throws EmbeddedCassandraException when a server still holds it after {@code timeout}
   */
  public static void awaitNoServer(Path dataDir, Duration timeout, Logger log) {
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
        throw new EmbeddedCassandraException("Cannot check the server lock " + file + ": " + e, e);
      }
      Optional<Long> pid = readPid(dataDir);
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new EmbeddedCassandraException(
            "A Cassandra server"
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
            "Waiting for the Cassandra server of an earlier run{} to release {}",
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
        throw new EmbeddedCassandraException(
            "Interrupted while waiting for an earlier Cassandra server to exit", e);
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
