package io.acta.http.internal.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.pekko.pki.pem.DERPrivateKeyLoader;
import org.apache.pekko.pki.pem.PEMDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's TLS: a certificate chain and its private key read from PEM files (the key in PKCS#8, or
 * PKCS#1 / SEC 1 as OpenSSL writes them, through Pekko's PEM reader), read again when either file
 * changes, so a renewed certificate is served without a restart. Each new connection gets an engine
 * with the configured protocols and cipher suites only.
 */
public final class PemServerTls {
  private static final Logger log = LoggerFactory.getLogger(PemServerTls.class);
  private static final char[] IN_MEMORY = "in-memory".toCharArray();

  private record Loaded(SSLContext context, FileTime certificate, FileTime key) {}

  private final Path certificate;
  private final Path key;
  private final String[] protocols;
  private final String[] cipherSuites;
  private final long checkEveryNanos;
  private volatile Loaded loaded;
  private volatile long checkedAt;

  private PemServerTls(
      Path certificate,
      Path key,
      List<String> protocols,
      List<String> cipherSuites,
      Duration checkEvery) {
    this.certificate = certificate;
    this.key = key;
    this.protocols = protocols.toArray(String[]::new);
    this.cipherSuites = cipherSuites.toArray(String[]::new);
    this.checkEveryNanos = checkEvery.toNanos();
  }

  /**
   * Reads the files now, failing with what is wrong with them.
   *
   * @param checkEvery how often, at most, the files' modification times are looked at
   */
  public static PemServerTls load(
      Path certificate,
      Path key,
      List<String> protocols,
      List<String> cipherSuites,
      Duration checkEvery) {
    PemServerTls tls = new PemServerTls(certificate, key, protocols, cipherSuites, checkEvery);
    try {
      tls.loaded = tls.read();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot read the API's TLS certificate "
              + certificate
              + " and key "
              + key
              + ": "
              + e.getMessage(),
          e);
    }
    tls.checkedAt = System.nanoTime();
    // Fail now, not at the first handshake, on a protocol or suite this JVM does not have.
    Set<String> supported =
        Set.of(tls.loaded.context().getSupportedSSLParameters().getCipherSuites());
    for (String suite : cipherSuites)
      if (!supported.contains(suite))
        throw new IllegalArgumentException("cipher suite " + suite + " is not available here");
    Set<String> known = Set.of(tls.loaded.context().getSupportedSSLParameters().getProtocols());
    for (String protocol : protocols)
      if (!known.contains(protocol))
        throw new IllegalArgumentException("TLS protocol " + protocol + " is not available here");
    return tls;
  }

  /** A server engine for one new connection, with the certificate as the files hold it now. */
  public SSLEngine newEngine() {
    SSLEngine engine = current().context().createSSLEngine();
    engine.setUseClientMode(false);
    engine.setEnabledProtocols(protocols);
    engine.setEnabledCipherSuites(cipherSuites);
    return engine;
  }

  private Loaded current() {
    long now = System.nanoTime();
    if (now - checkedAt < checkEveryNanos) return loaded;
    checkedAt = now;
    try {
      Loaded was = loaded;
      if (Files.getLastModifiedTime(certificate).equals(was.certificate())
          && Files.getLastModifiedTime(key).equals(was.key())) return was;
      loaded = read(); // two connections may both read the files once: harmless
      log.info("The API's TLS certificate was read again from {}", certificate);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // A half-written renewal: keep serving the certificate that works, try again later.
      log.warn(
          "Cannot read the API's TLS certificate {} again ({}); the previous one is served",
          certificate,
          e.getMessage());
    }
    return loaded;
  }

  private Loaded read() throws IOException, GeneralSecurityException {
    FileTime certificateTime = Files.getLastModifiedTime(certificate);
    FileTime keyTime = Files.getLastModifiedTime(key);
    Certificate[] chain;
    try (InputStream in = Files.newInputStream(certificate)) {
      chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(in)
              .toArray(Certificate[]::new);
    }
    if (chain.length == 0) throw new IOException("no certificate in " + certificate);
    PrivateKey privateKey = privateKey(PEMDecoder.decode(Files.readString(key)));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("api", privateKey, IN_MEMORY, chain);
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, IN_MEMORY);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, new SecureRandom());
    return new Loaded(context, certificateTime, keyTime);
  }

  /**
   * A PKCS#8 key of any algorithm the JDK knows (OpenSSL's default), or a PKCS#1 RSA key (Pekko's
   * reader, which takes PKCS#8 for RSA only).
   */
  private PrivateKey privateKey(PEMDecoder.DERData der) throws GeneralSecurityException {
    if (!der.label().equals("PRIVATE KEY")) {
      if (der.label().equals("RSA PRIVATE KEY")) return DERPrivateKeyLoader.load(der);
      throw new GeneralSecurityException(
          key
              + " holds a '"
              + der.label()
              + "'; write the key as PKCS#8: openssl pkcs8 -topk8 -nocrypt -in <key> -out <key>");
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der.bytes());
    for (String algorithm : List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException notThisOne) {
        // The next algorithm.
      }
    }
    throw new GeneralSecurityException(key + " holds no EC, RSA or EdDSA key the JDK can read");
  }

  @Override
  public String toString() {
    return "TLS " + Arrays.toString(protocols) + " with " + certificate;
  }
}
