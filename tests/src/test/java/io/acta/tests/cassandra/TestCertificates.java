package io.acta.tests.cassandra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority and certificates it signs, made with the openssl command, as an operator
 * would make them: PEM files in a directory.
 */
public final class TestCertificates {
  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** A new CA (EC P-256) in {@code dir}: {@code ca.pem}, {@code ca.key}. */
  public static TestCertificates authority(Path dir, String name) {
    TestCertificates ca = new TestCertificates(dir);
    ca.openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=" + name);
    return ca;
  }

  public Path certificate() {
    return dir.resolve("ca.pem");
  }

  /**
   * A certificate for localhost and 127.0.0.1 named {@code commonName}, signed by this CA, moved
   * into place over {@code certificate} and {@code key} (as a renewal would replace them).
   */
  public void issue(String commonName, Path certificate, Path key) {
    issue(commonName, certificate, key, "ec");
  }

  /**
   * As {@link #issue(String, Path, Path)}, with an RSA key in PKCS#1 ("BEGIN RSA PRIVATE KEY"), the
   * form Pekko's remoting reads.
   */
  public void issueRsa(String commonName, Path certificate, Path key) {
    issue(commonName, certificate, key, "rsa");
  }

  private void issue(String commonName, Path certificate, Path key, String keyType) {
    String base = "issued-" + System.nanoTime();
    try {
      Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<String> request = new ArrayList<>(List.of("req"));
    request.addAll(
        keyType.equals("rsa")
            ? List.of("-newkey", "rsa:2048")
            : List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"));
    request.addAll(
        List.of(
            "-nodes",
            "-keyout",
            base + ".key",
            "-out",
            base + ".csr",
            "-subj",
            "/CN=" + commonName));
    openssl(request.toArray(String[]::new));
    openssl(
        "x509",
        "-req",
        "-in",
        base + ".csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        base + ".pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf");
    String keyFile = base + ".key";
    if (keyType.equals("rsa")) {
      keyFile = base + ".pkcs1.key";
      openssl("pkey", "-in", base + ".key", "-traditional", "-out", keyFile);
    }
    try {
      Files.move(dir.resolve(keyFile), key, StandardCopyOption.REPLACE_EXISTING);
      Files.move(dir.resolve(base + ".pem"), certificate, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void openssl(String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Outside done = Outside.run(dir, command);
    if (done.exit() != 0)
      throw new IllegalStateException(command + " failed (" + done.exit() + "): " + done.output());
  }
}
