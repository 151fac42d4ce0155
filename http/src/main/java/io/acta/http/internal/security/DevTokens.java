package io.acta.http.internal.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Development mode only: a signing key made when the node starts and trusted beside the configured
 * keys, and a token signed with it written to a file, so that a developer can call an API with
 * authentication on without an identity provider. The key lives in memory only: a restart makes a
 * new one, and the tokens of the old one stop working.
 */
public final class DevTokens {
  private final ECKey key;
  private final String issuer;
  private final String audience;

  private DevTokens(ECKey key, String issuer, String audience) {
    this.key = key;
    this.issuer = issuer;
    this.audience = audience;
  }

  /** A fresh P-256 key for tokens of {@code issuer}, for {@code audience} (empty: none). */
  public static DevTokens create(String issuer, String audience) {
    try {
      ECKey key =
          new ECKeyGenerator(Curve.P_256)
              .keyID("acta-dev-" + UUID.randomUUID())
              .algorithm(JWSAlgorithm.ES256)
              .generate();
      return new DevTokens(key, issuer, audience);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make a development signing key", e);
    }
  }

  /** The public key, to trust. */
  public JWKSet publicKeys() {
    return new JWKSet(key.toPublicJWK());
  }

  /** A token for {@code subject} with {@code scopes} and {@code roles}, valid for {@code ttl}. */
  public String token(String subject, List<String> scopes, List<String> roles, Duration ttl) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .issuer(issuer)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .claim("scope", String.join(" ", scopes))
            .claim("roles", roles);
    if (!audience.isEmpty()) claims.audience(audience);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims.build());
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a development token", e);
    }
    return jwt.serialize();
  }

  /** Writes {@code token} to {@code file}, readable by its owner only where the file system can. */
  public static void write(Path file, String token) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(file, token + "\n");
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Kept as the file system allows.
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the development token to " + file, e);
    }
  }
}
