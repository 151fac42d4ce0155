package io.acta.runtime.internal;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Mutual TLS for the cluster's own traffic, as {@code acta.node.tls} asks: Pekko Artery's TLS
 * transport with its rotating-keys engine, which reads PEM files, trusts the cluster's CA only and
 * checks that a peer's certificate shares a subject name with this node's.
 */
final class ClusterTls {
  private static final String ENGINE = "pekko.remote.artery.ssl.rotating-keys-engine.";

  private ClusterTls() {}

  /** The Pekko settings; none when TLS is off. */
  static Map<String, Object> pekkoSettings(Config acta) {
    if (!acta.getBoolean("acta.node.tls.enabled")) return Map.of();
    String certificate = readable(acta, "certificate");
    String key = readable(acta, "private-key");
    requirePkcs1(key);
    String ca = readable(acta, "ca-certificate");
    return Map.of(
        "pekko.remote.artery.transport",
        "tls-tcp",
        "pekko.remote.artery.ssl.ssl-engine-provider",
        "org.apache.pekko.remote.artery.tcp.ssl.RotatingKeysSSLEngineProvider",
        ENGINE + "cert-file",
        certificate,
        ENGINE + "key-file",
        key,
        ENGINE + "ca-cert-file",
        ca,
        ENGINE + "protocol",
        "TLSv1.3",
        ENGINE + "enabled-algorithms",
        List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"),
        ENGINE + "ssl-context-cache-ttl",
        acta.getDuration("acta.node.tls.reload-interval").toMillis() + "ms");
  }

  /**
   * Pekko's remoting reads RSA keys in PKCS#1 only: say so at start, not at the first handshake.
   */
  private static void requirePkcs1(String key) {
    try {
      if (!Files.readString(Path.of(key)).contains("-----BEGIN RSA PRIVATE KEY-----"))
        throw new IllegalArgumentException(
            "acta.node.tls.private-key: "
                + key
                + " is not an RSA key in PKCS#1 (\"BEGIN RSA PRIVATE KEY\"), the form Pekko's"
                + " remoting reads; convert it: openssl pkey -in <key> -traditional -out <key>");
    } catch (IOException e) {
      throw new IllegalArgumentException("acta.node.tls.private-key: cannot read " + key, e);
    }
  }

  /** The absolute path of a file the node needs, failing at start when it cannot be read. */
  private static String readable(Config acta, String key) {
    String value = acta.getString("acta.node.tls." + key);
    if (value.isEmpty())
      throw new IllegalArgumentException(
          "acta.node.tls.enabled is on: set acta.node.tls." + key + " (a PEM file)");
    Path path = Path.of(value).toAbsolutePath();
    if (!Files.isReadable(path))
      throw new IllegalArgumentException("acta.node.tls." + key + ": cannot read " + path);
    return path.toString();
  }
}
