package io.acta.embedded.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * An embedded server's child JVM from its start to its stop, for {@code EmbeddedCassandra} and
 * {@code EmbeddedKafka} alike: what a start takes (the data directory's owner lock, the ports), the
 * process, the JVM shutdown hook that stops it when its owner has not, and the stop itself
 * (SIGTERM, then a kill after the stop timeout). What differs between servers (their files, command
 * line and readiness) stays with their API classes, which keep one instance each across restarts.
 *
 * <p>Not thread-safe by itself: its owner calls it under the owner's own monitor. Only {@link
 * #isRunning()}, {@link #stopAtJvmExitAfter} and the shutdown hook do without it, through volatile
 * fields, and this class takes no monitor of its own: the hook must never wait for the owner's,
 * which a start in progress may hold for up to its start timeout.
 */
public final class ServerProcess {
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

  private final ServerKind kind;
  private final Path dataDirectory;
  private final Duration stopTimeout;
  private final Logger log;

  private volatile Process process;
  private volatile boolean ready;
  private volatile Duration ownerGrace = Duration.ZERO;
  private DataDirectoryLock lock;
  private Ports.Chosen ports;
  private Thread shutdownHook;

  /**
   * A server not started.
   *
   * @param kind the server, whose name the log lines and messages give
   * @param dataDirectory its data directory (absolute)
   * @param stopTimeout how long a stop waits after SIGTERM before it kills the server
   * @param log the owner's logger, which logs the stops
   */
  public ServerProcess(ServerKind kind, Path dataDirectory, Duration stopTimeout, Logger log) {
    this.kind = kind;
    this.dataDirectory = dataDirectory;
    this.stopTimeout = stopTimeout;
    this.log = log;
  }

  /**
   * The first step of a start: takes the data directory's owner lock, which {@link #cleanUp()}
   * releases, then waits up to the stop timeout for a server of an earlier run (whose owner died)
   * to exit.
   *
   * @throws RuntimeException the server API's exception when another owner holds the directory or a
   *     server of an earlier run still does after the stop timeout
   */
  public void lockDataDirectory() {
    lock = DataDirectoryLock.acquire(kind, dataDirectory);
    DataDirectoryLock.awaitNoServer(kind, dataDirectory, stopTimeout, log);
  }

  /**
   * Chooses the server's ports (see {@link Ports#choose}), held until {@link #cleanUp()}.
   *
   * @throws RuntimeException the server API's exception when a port cannot be had
   */
  public Ports.Chosen choosePorts(Ports.Request... requests) {
    ports = Ports.choose(kind, dataDirectory, requests);
    return ports;
  }

  /**
   * Starts the server's JVM and the shutdown hook that stops it should this JVM exit first.
   *
   * @return the server's process
   */
  public Process launch(ProcessBuilder builder) throws IOException {
    process = builder.start();
    shutdownHook =
        new Thread(
            this::stopFromHook,
            "acta-embedded-" + kind.name().toLowerCase(Locale.ROOT) + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    return process;
  }

  /** Records that the server serves its clients, until it is stopped or dies. */
  public void markReady() {
    ready = true;
  }

  /** Whether the server is ready and not stopped, and its process has not died. */
  public boolean isRunning() {
    Process p = process;
    return ready && p != null && p.isAlive();
  }

  /**
   * The server's process.
   *
   * @throws IllegalStateException when not started
   */
  public Process process() {
    checkStarted();
    return process;
  }

  /**
   * The server's ports.
   *
   * @throws IllegalStateException when not started
   */
  public Ports.Chosen ports() {
    checkStarted();
    return ports;
  }

  /**
   * Fails unless the server was started (and not stopped since), as the owner's getters do.
   *
   * @throws IllegalStateException when not started
   */
  public void checkStarted() {
    if (process == null || ports == null)
      throw new IllegalStateException(
          kind.name() + " is not started (data directory " + dataDirectory + ")");
  }

  /**
   * Stops the server: SIGTERM, then after the stop timeout a forced kill; then {@link #cleanUp()}.
   * Does nothing when it was not started.
   */
  public void stop() {
    if (process == null) return;
    ready = false;
    long t0 = System.nanoTime();
    boolean wasAlive = process.isAlive();
    if (wasAlive)
      log.info(
          "Stopping {} (pid {}, data directory {})", kind.name(), process.pid(), dataDirectory);
    process.destroy();
    boolean clean = waitFor(stopTimeout);
    if (!clean) {
      log.warn(
          "{} (pid {}) did not exit within {} s of SIGTERM; killing it",
          kind.name(),
          process.pid(),
          stopTimeout.toSeconds());
      process.destroyForcibly();
      waitFor(KILL_TIMEOUT);
    }
    if (wasAlive) log.info("{} stopped in {} s", kind.name(), secondsSince(t0));
    cleanUp();
  }

  /**
   * When the JVM shuts down, waits up to {@code grace} for the owner to stop the server before the
   * shutdown hook stops it; zero (the default) stops it at once.
   *
   * @throws IllegalArgumentException when {@code grace} is negative
   */
  public void stopAtJvmExitAfter(Duration grace) {
    if (grace.isNegative()) throw new IllegalArgumentException("grace must not be negative");
    this.ownerGrace = grace;
  }

  /**
   * At JVM shutdown: stops the server without taking the owner's monitor, which a start in progress
   * may hold for up to its timeout. Locks go with the JVM.
   */
  private void stopFromHook() {
    Process p = process;
    if (p == null || !p.isAlive()) return;
    Duration grace = ownerGrace;
    if (!grace.isZero()) {
      // The JVM's shutdown hooks run together: give the owner (a node leaving its cluster, which
      // still writes on its way out) the time to stop the server itself, last.
      try {
        if (p.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    log.info("JVM shutting down: stopping {} (pid {})", kind.name(), p.pid());
    p.destroy();
    try {
      if (!p.waitFor(stopTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
        p.destroyForcibly();
        p.waitFor(KILL_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /**
   * Kills a process left over by a failed start or a stop, closes its standard input, and releases
   * the hook, the ports and the lock; does nothing for what was not taken.
   */
  public void cleanUp() {
    ready = false;
    if (process != null) {
      if (process.isAlive()) {
        process.destroyForcibly();
        waitFor(KILL_TIMEOUT);
      }
      try {
        process.getOutputStream().close();
      } catch (IOException ignored) {
        // already closed
      }
      process = null;
    }
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException ignored) {
        // the JVM is shutting down
      }
      shutdownHook = null;
    }
    if (ports != null) {
      Ports.release(ports);
      ports = null;
    }
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }

  /** The seconds since {@code t0} (a {@link System#nanoTime()}), to one decimal, for log lines. */
  public static String secondsSince(long t0) {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9);
  }
}
