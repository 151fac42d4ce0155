package io.acta.embedded.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Chooses a server's ports. A configured port other than 0 is used as is. For 0, the port this data
 * directory used last time is taken again if it is free (so {@code cqlsh} or a console consumer
 * keeps working across dev restarts), else a port the operating system reports free. Ports handed
 * out to servers still running in this JVM, of any kind, are never handed out twice, so two servers
 * started at the same time never collide.
 */
public final class Ports {
  private static final Set<Integer> IN_USE = new HashSet<>();
  private static final String FILE = "ports.properties";

  /** 127.0.0.1, the address the servers listen on. */
  public static final InetAddress LOOPBACK = loopback();

  /**
   * One port to choose.
   *
   * @param key the setting's key, e.g. {@code native-port}; also its key in the data directory's
   *     {@code ports.properties}
   * @param configured the setting's value; 0 chooses one
   */
  public record Request(String key, int configured) {}

  /**
   * The chosen ports.
   *
   * @param ports each request's key and its port, in the order requested
   */
  public record Chosen(Map<String, Integer> ports) {
    /** Copies. */
    public Chosen {
      ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
    }

    /**
     * The port chosen for {@code key}.
     *
     * @throws IllegalArgumentException when {@code key} was not requested
     */
    public int port(String key) {
      Integer port = ports.get(key);
      if (port == null) throw new IllegalArgumentException("no port was requested for " + key);
      return port;
    }
  }

  private Ports() {}

  /**
   * Chooses the ports for a server on {@code dataDir}; release them with {@link #release}.
   *
   * @throws RuntimeException the server API's exception when a configured port is taken by another
   *     server of this JVM or no free port is found
   */
  public static synchronized Chosen choose(ServerKind kind, Path dataDir, Request... requests) {
    Properties last = new Properties();
    Path file = dataDir.resolve(FILE);
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        last.load(in);
      } catch (IOException | IllegalArgumentException ignored) {
        // start afresh
      }
    }
    Map<String, Integer> chosen = new LinkedHashMap<>();
    List<Integer> taken = new ArrayList<>();
    try {
      for (Request r : requests) {
        int port = pick(kind, r.configured(), last.getProperty(r.key()), r.key());
        IN_USE.add(port);
        taken.add(port);
        chosen.put(r.key(), port);
      }
    } catch (RuntimeException e) {
      IN_USE.removeAll(taken);
      throw e;
    }
    Properties now = new Properties();
    chosen.forEach((k, v) -> now.setProperty(k, Integer.toString(v)));
    try (OutputStream out = Files.newOutputStream(file)) {
      now.store(
          out,
          "Ports of the last start of this data directory; reused when free and the setting is 0");
    } catch (IOException ignored) {
      // only a convenience
    }
    return new Chosen(chosen);
  }

  /** Forgets the ports of a stopped server. */
  public static synchronized void release(Chosen ports) {
    IN_USE.removeAll(ports.ports().values());
  }

  private static int pick(ServerKind kind, int configured, String last, String key) {
    if (configured != 0) {
      if (IN_USE.contains(configured)) {
        throw kind.fail(
            kind.setting(key)
                + " "
                + configured
                + " is already used by another embedded server in this JVM");
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
        throw kind.fail("Cannot find a free port for " + kind.setting(key) + ": " + e, e);
      }
      if (!IN_USE.contains(port)) return port;
    }
    throw kind.fail("Cannot find a free port for " + kind.setting(key));
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

  /** Whether something accepts TCP connections on {@code port} of the loopback address. */
  public static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(LOOPBACK, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
