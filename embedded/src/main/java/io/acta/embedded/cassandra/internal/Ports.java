package io.acta.embedded.cassandra.internal;

import io.acta.embedded.cassandra.EmbeddedCassandraException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

/**
 * Chooses the server's ports. A configured port other than 0 is used as is. For 0, the port this
 * data directory used last time is taken again if it is free (so {@code cqlsh} keeps working across
 * dev restarts), else a port the operating system reports free. Ports handed out to servers still
 * running in this JVM are never handed out twice, so two servers started at the same time never
 * collide.
 */
public final class Ports {
  private static final Set<Integer> IN_USE = new HashSet<>();
  private static final String FILE = "ports.properties";

  /** 127.0.0.1, the address the server listens on. */
  public static final InetAddress LOOPBACK = loopback();

  /**
   * The chosen ports.
   *
   * @param nativePort the CQL port
   * @param storagePort the inter-node port
   */
  public record Chosen(int nativePort, int storagePort) {}

  private Ports() {}

  /** Chooses the ports for a server on {@code dataDir}; release them with {@link #release}. */
  public static synchronized Chosen choose(int nativePort, int storagePort, Path dataDir) {
    Properties last = new Properties();
    Path file = dataDir.resolve(FILE);
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        last.load(in);
      } catch (IOException | IllegalArgumentException ignored) {
        // start afresh
      }
    }
    int cql = pick(nativePort, last.getProperty("native-port"), "native-port");
    IN_USE.add(cql);
    int storage;
    try {
      storage = pick(storagePort, last.getProperty("storage-port"), "storage-port");
    } catch (RuntimeException e) {
      IN_USE.remove(cql);
      throw e;
    }
    IN_USE.add(storage);
    Properties now = new Properties();
    now.setProperty("native-port", Integer.toString(cql));
    now.setProperty("storage-port", Integer.toString(storage));
    try (OutputStream out = Files.newOutputStream(file)) {
      now.store(
          out,
          "Ports of the last start of this data directory; reused when free and the setting is 0");
    } catch (IOException ignored) {
      // only a convenience
    }
    return new Chosen(cql, storage);
  }

  /** Forgets the ports of a stopped server. */
  public static synchronized void release(Chosen ports) {
    IN_USE.remove(ports.nativePort());
    IN_USE.remove(ports.storagePort());
  }

  private static int pick(int configured, String last, String key) {
    if (configured != 0) {
      if (IN_USE.contains(configured)) {
        throw new EmbeddedCassandraException(
            key + " " + configured + " is already used by another embedded Cassandra in this JVM");
      }
      return configured;
    }
    if (last != null) {
      try {
        int port = Integer.parseInt(last.trim());
        if (port > 0 && !IN_USE.contains(port) && isFree(port)) return port;
      } catch (NumberFormatException ignored) {
        // choose a new one
      }
    }
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
        port = s.getLocalPort();
      } catch (IOException e) {
        throw new EmbeddedCassandraException(
            "Cannot find a free port for " + key + ": " + e.getMessage(), e);
      }
      if (!IN_USE.contains(port)) return port;
    }
    throw new EmbeddedCassandraException("Cannot find a free port for " + key);
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether nothing listens on {@code port} of the loopback address. */
  public static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(LOOPBACK, port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
