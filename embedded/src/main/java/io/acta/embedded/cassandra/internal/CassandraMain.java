package io.acta.embedded.cassandra.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The main class of the Cassandra server's child JVM (compiled for Java 17, run on 11 or 17).
 *
 * <p>Before handing over to {@code org.apache.cassandra.service.CassandraDaemon.main}, it
 *
 * <ul>
 *   <li>takes the data directory's server lock (system property {@value #LOCK_PROPERTY}) and writes
 *       its pid next to it, so that no second server ever runs on the same files;
 *   <li>starts a daemon thread that blocks on {@code System.in}: the parent keeps the other end of
 *       that pipe open and never writes to it; when the parent dies, however it dies (even {@code
 *       kill -9}), the operating system closes the pipe, the read returns end-of-file, and the
 *       server exits through {@code System.exit(0)}, which runs Cassandra's own drain hook. A
 *       watchdog halts the JVM if that takes longer than {@value #EXIT_GRACE_SECONDS} s.
 * </ul>
 *
 * Loaded reflectively, Cassandra's classes are never needed to compile this module.
 */
public final class CassandraMain {
  /** System property: the lock file the server holds while it runs. */
  public static final String LOCK_PROPERTY = "acta.cassandra.server-lock";

  /** System property: where to write the server's pid. */
  public static final String PID_PROPERTY = "acta.cassandra.server-pid";

  /** Exit code when another server holds the data directory's lock. */
  public static final int EXIT_LOCKED = 97;

  static final int EXIT_GRACE_SECONDS = 30;
  private static final String DAEMON = "org.apache.cassandra.service.CassandraDaemon";

  // Held for the life of the JVM; a static reference keeps the channel (and so the lock) from being
  // collected.
  @SuppressWarnings("unused")
  private static FileLock serverLock;

  private CassandraMain() {}

  /**
   * Takes the lock, watches the parent, then runs Cassandra.
   *
   * @param args passed to {@code CassandraDaemon.main}
   */
  public static void main(String[] args) throws Throwable {
    PrintStream err = System.err;
    lock(err);
    watchParent(System.in, err);
    try {
      Class.forName(DAEMON).getMethod("main", String[].class).invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void lock(PrintStream err) throws IOException {
    String lockFile = System.getProperty(LOCK_PROPERTY);
    if (lockFile == null) return;
    FileChannel channel =
        FileChannel.open(Path.of(lockFile), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      err.println(
          "[acta] another Cassandra server holds "
              + lockFile
              + "; refusing to start a second one on the same data directory");
      err.flush();
      System.exit(EXIT_LOCKED);
    }
    serverLock = lock;
    String pidFile = System.getProperty(PID_PROPERTY);
    if (pidFile != null) {
      Files.writeString(
          Path.of(pidFile),
          Long.toString(ProcessHandle.current().pid()),
          StandardCharsets.US_ASCII);
    }
  }

  /** Exits the JVM when {@code in} reaches end-of-file, i.e. when the parent process is gone. */
  static void watchParent(InputStream in, PrintStream err) {
    Thread watcher =
        new Thread(
            () -> {
              try {
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                  // The parent never writes; anything read is ignored.
                }
              } catch (IOException e) {
                // A broken pipe means the parent is gone as well.
              }
              err.println(
                  "[acta] the parent process is gone (stdin closed); shutting Cassandra down");
              err.flush();
              Thread watchdog =
                  new Thread(
                      () -> {
                        try {
                          Thread.sleep(EXIT_GRACE_SECONDS * 1000L);
                        } catch (InterruptedException e) {
                          return;
                        }
                        err.println(
                            "[acta] shutdown took longer than "
                                + EXIT_GRACE_SECONDS
                                + " s; halting");
                        Runtime.getRuntime().halt(1);
                      },
                      "acta-exit-watchdog");
              watchdog.setDaemon(true);
              watchdog.start();
              System.exit(0);
            },
            "acta-parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }
}
