package io.acta.tests.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node whose wall clock is off, as a host whose NTP drifted is: Debian's libfaketime, preloaded
 * into the node's JVM, shifts what it reads as the time of day ({@code System.currentTimeMillis},
 * {@code Instant.now}) by a fixed offset, and leaves the monotonic clock ({@code System.nanoTime})
 * alone, as drift does. Installed from Debian's packages when the machine lacks it, so that the
 * README's test command needs nothing beforehand.
 */
final class Faketime {
  private static final String PACKAGE = "faketime";

  private Faketime() {}

  /**
   * The launcher that runs a command with its clock shifted by {@code offset}, in libfaketime's
   * notation ({@code "-3s"}: three seconds behind).
   */
  static List<String> launcher(String offset) {
    return List.of(
        "env", "LD_PRELOAD=" + library(), "FAKETIME=" + offset, "FAKETIME_DONT_FAKE_MONOTONIC=1");
  }

  private static synchronized Path library() {
    Path found = find();
    if (found != null) return found;
    run("apt-get", "install", "-y", "-q", PACKAGE);
    found = find();
    if (found != null) return found;
    run("apt-get", "update", "-q");
    run("apt-get", "install", "-y", "-q", PACKAGE);
    found = find();
    if (found == null)
      throw new IllegalStateException(
          "libfaketime not found after installing Debian's " + PACKAGE + " package");
    return found;
  }

  /**
   * The plain library, not its multi-threaded variant {@code libfaketimeMT}: that one makes every
   * time call of the process take one lock, which only its "start at" mode (a clock that ticks on
   * from a fixed date) needs to stay monotonic across threads. A fixed offset needs no lock, and a
   * JVM reads the clock so often (schedulers, Netty, the Cassandra driver) that the lock cost the
   * skewed node some 12 µs per call and starved the whole cluster on 2 cores; the plain library
   * costs about 0.5 µs (measured with 400,000 calls of currentTimeMillis and nanoTime).
   */
  private static Path find() {
    for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu")) {
      Path p = Path.of(dir, "faketime", "libfaketime.so.1");
      if (Files.isRegularFile(p)) return p;
    }
    return null;
  }

  private static void run(String... command) {
    try {
      Process p = new ProcessBuilder(command).inheritIO().start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " took over 5 minutes");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
