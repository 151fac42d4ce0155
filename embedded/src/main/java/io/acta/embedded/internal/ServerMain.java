package io.acta.embedded.internal;

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
import java.util.Arrays;

/**
 * The main class of a server's child JVM: {@code ServerMain <name> <main class> <args...>}, where
 * {@code name} (e.g. {@code Kafka}) is for messages and {@code main class} is the server's own,
 * e.g. {@code kafka.Kafka}, which gets {@code args}.
 *
 * <p>Before handing over to the server's {@code main}, it
 *
 * <ul>
 *   <li>takes the data directory's server lock (system property {@value #LOCK_PROPERTY}) and writes
 *       its pid next to it (system property {@value #PID_PROPERTY}), so that no second server ever
 *       runs on the same files;
 *   <li>starts a daemon thread that blocks on {@code System.in}: the parent keeps the other end of
 *       that pipe open and never writes to it; when the parent dies, however it dies (even {@code
 *       kill -9}), the operating system closes the pipe, the read returns end-of-file, and the
 *       server exits through {@code System.exit(0)}, which runs the server's own shutdown hooks. A
 *       watchdog halts the JVM if that takes longer than {@value #EXIT_GRACE_SECONDS} s.
 * </ul>
 *
 * The server's classes are loaded reflectively: they are never needed to compile this module.
 * Compiled for this module's release (17), so it runs on the servers' runtimes from 17 on.
 */
public final class ServerMain {
  /** System property: the lock file the server holds while it runs. */
  public static final String LOCK_PROPERTY = "acta.embedded.server-lock";

  /** System property: where to write the server's pid. */
  public static final String PID_PROPERTY = "acta.embedded.server-pid";

  /** Exit code when another server holds the data directory's lock. */
  public static final int EXIT_LOCKED = 97;

  /** Exit code for a command line without a name and a main class. */
  public static final int EXIT_USAGE = 2;

  static final int EXIT_GRACE_SECONDS = 30;

  // Held for the life of the JVM; a static reference keeps the channel (and so the lock) from being
  // collected.
  @SuppressWarnings("unused")
  private static FileLock serverLock;

  private ServerMain() {}

  /**
   * Takes the lock, watches the parent, then runs the server's main class.
   *
   * @param args the server's name, its main class, then that class's arguments
   */
  public static void main(String[] args) throws Throwable {
    if (args.length < 2) {
      System.err.println("usage: ServerMain <name> <main class> [args...]");
      System.exit(EXIT_USAGE);
    }
    run(args[0], args[1], Arrays.copyOfRange(args, 2, args.length));
  }

  /**
   * Takes the lock, watches the parent, then runs {@code mainClass.main(args)}.
   *
   * @param name the server's name, for messages
   * @param mainClass the server's main class
   * @param args its arguments
   */
  public static void run(String name, String mainClass, String[] args) throws Throwable {
    PrintStream err = System.err;
    lock(name, err);
    watchParent(name, System.in, err);
    try {
      Class.forName(mainClass).getMethod("main", String[].class).invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void lock(String name, PrintStream err) throws IOException {
    String lockFile = System.getProperty(LOCK_PROPERTY);
    if (lockFile == null) return;
    FileChannel channel =
        FileChannel.open(Path.of(lockFile), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      err.println(
          "[acta] another "
              + name
              + " server holds "
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
  static void watchParent(String name, InputStream in, PrintStream err) {
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
                  "[acta] the parent process is gone (stdin closed); shutting " + name + " down");
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
