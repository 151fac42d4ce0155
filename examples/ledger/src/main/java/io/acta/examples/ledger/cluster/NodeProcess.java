package io.acta.examples.ledger.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A ledger node running in a child JVM: started from a {@link LocalNode}'s command, its output
 * handed line by line to a consumer, and stopped gracefully (SIGTERM) or killed (SIGKILL), or
 * paused (SIGSTOP) and resumed (SIGCONT) as a frozen container or VM would be.
 */
public final class NodeProcess {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final LocalNode node;
  private final Process process;
  private final Consumer<String> output;

  private NodeProcess(LocalNode node, Process process, Consumer<String> output) {
    this.node = node;
    this.process = process;
    this.output = output;
  }

  /**
   * Starts {@code command} (from {@link LocalNode#command}); each line it prints goes to {@code
   * output}.
   */
  public static NodeProcess start(LocalNode node, List<String> command, Consumer<String> output) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      Thread.ofPlatform()
          .daemon()
          .name("node-" + node.index() + "-output")
          .start(
              () -> {
                try (var lines = process.inputReader().lines()) {
                  lines.forEach(output);
                } catch (UncheckedIOException closed) {
                  // The pipe was closed under the reader (the node was killed): its output ended.
                }
              });
      return new NodeProcess(node, process, output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + node.index(), e);
    }
  }

  public LocalNode node() {
    return node;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until the node answers its readiness check ({@code /ready}: an Up cluster member whose
   * store answers), or fails when it exits or {@code timeout} passes.
   */
  public Duration awaitReady(Duration timeout) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    var request =
        HttpRequest.newBuilder(URI.create(node.managementUrl() + "/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "node " + node.index() + " exited with " + process.exitValue() + " while starting");
      }
      try {
        if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      pause(Duration.ofMillis(250));
    }
    throw new IllegalStateException("node " + node.index() + " not ready within " + timeout);
  }

  /** SIGTERM: the node leaves the cluster, hands its shards off and exits. Waits for the exit. */
  public int stop(Duration timeout) {
    process.destroy();
    return awaitExit(timeout);
  }

  /** SIGKILL: the node vanishes at once, as in a crash or power loss. Waits for the exit. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(10));
  }

  /**
   * SIGSTOP: every thread of the node stands still, while the kernel keeps accepting connections
   * and requests for it, as when its container or VM is frozen, or a stop-the-world pause lasts.
   */
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT: the paused node runs on from where it stood, with everything that queued up. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      String output = new String(kill.getInputStream().readAllBytes()).trim();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException(
            "kill -" + name + " " + process.pid() + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot signal node " + node.index(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Waits, however long it takes, until the node exits; returns its exit code. */
  public int awaitExit() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Waits until the node exits, at most {@code timeout}; returns its exit code, or fails (and kills
   * it) when it is still running then, after writing what each of its threads was doing to its
   * output: a node that should have exited and did not is a hang to be read from there.
   */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        output.accept("Still running " + timeout + " after awaitExit began; its threads:");
        threadDump().lines().forEach(output);
        process.destroyForcibly();
        throw new IllegalStateException("node " + node.index() + " did not exit within " + timeout);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * What every thread of the node is doing ({@code jcmd <pid> Thread.print}, from the JDK that runs
   * the node), or why that could not be had.
   */
  public String threadDump() {
    String java = ProcessHandle.current().info().command().orElse("java");
    String jcmd = Path.of(java).resolveSibling("jcmd").toString();
    try {
      Process dump =
          new ProcessBuilder(jcmd, Long.toString(process.pid()), "Thread.print")
              .redirectErrorStream(true)
              .start();
      var text = CompletableFuture.supplyAsync(() -> readAll(dump));
      if (!dump.waitFor(30, TimeUnit.SECONDS)) {
        dump.destroyForcibly();
        return "jcmd Thread.print did not answer within 30 s";
      }
      return text.join();
    } catch (IOException e) {
      return "no thread dump: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "no thread dump: interrupted";
    }
  }

  private static String readAll(Process p) {
    try {
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "no thread dump: " + e.getMessage();
    }
  }

  private static void pause(Duration d) {
    LockSupport.parkNanos(d.toNanos());
  }
}
