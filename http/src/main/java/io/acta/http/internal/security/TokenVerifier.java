package io.acta.http.internal.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.acta.api.security.Caller;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens (signed JWTs) with Nimbus JOSE + JWT: the signature by a key of the
 * trusted set, with one of the accepted asymmetric algorithms only (so {@code alg: none} and an
 * HMAC token "signed" with a public key are refused), then expiry and not-before (with a clock
 * skew), the issuer and the audience. Turns the claims into a {@link Caller}.
 */
public final class TokenVerifier {
  private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);

  /** The algorithms a key pair signs with; symmetric ones (HS*) would let a public key sign. */
  static final Set<JWSAlgorithm> ASYMMETRIC =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512,
          JWSAlgorithm.EdDSA,
          JWSAlgorithm.Ed25519);

  /** Whether {@code name} is an algorithm accepted for bearer tokens. */
  public static boolean acceptsAlgorithm(String name) {
    return ASYMMETRIC.stream().anyMatch(a -> a.getName().equals(name));
  }

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final String issuer;
  private final String audience;
  private final String scopeClaim;
  private final String rolesClaim;

  /**
   * @param keys the trusted keys
   * @param algorithms the accepted algorithms: asymmetric ones only
   * @param issuer the {@code iss} every token must carry
   * @param audience an {@code aud} every token must carry; empty for none
   */
  public TokenVerifier(
      JWKSource<SecurityContext> keys,
      Set<JWSAlgorithm> algorithms,
      String issuer,
      String audience,
      Duration clockSkew,
      String scopeClaim,
      String rolesClaim) {
    for (JWSAlgorithm a : algorithms)
      if (!ASYMMETRIC.contains(a))
        throw new IllegalArgumentException(
            "algorithm "
                + a
                + " is not accepted for bearer tokens: use one signed by a key pair, of "
                + ASYMMETRIC);
    this.issuer = issuer;
    this.audience = audience;
    this.scopeClaim = scopeClaim;
    this.rolesClaim = rolesClaim;
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.copyOf(algorithms), keys));
    // Expiry and not-before here; issuer and audience below, to say which one failed.
    DefaultJWTClaimsVerifier<SecurityContext> times =
        new DefaultJWTClaimsVerifier<>(null, Set.of("exp"));
    times.setMaxClockSkew((int) clockSkew.toSeconds());
    processor.setJWTClaimsSetVerifier(times);
  }

  /**
   * The caller a token stands for.
   *
   * @throws Unauthenticated saying what is wrong with it, in words a client may read
   */
  public Caller verify(String token) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw invalid("the token is not a well-formed JWT");
    }
    if (jwt instanceof PlainJWT) throw invalid("unsigned tokens (alg: none) are refused");
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (BadJWTException e) {
      String m = String.valueOf(e.getMessage());
      if (m.startsWith("Expired")) throw invalid("the token has expired");
      if (m.contains("before use time")) throw invalid("the token is not valid yet");
      if (m.contains("missing required claims")) throw invalid("the token has no expiry (exp)");
      throw invalid("the token's claims are not valid");
    } catch (BadJWSException e) {
      throw invalid("the token's signature does not verify");
    } catch (BadJOSEException e) {
      // No key of the trusted set for this algorithm and key id (after fetching the set again).
      throw invalid("the token is not signed by a trusted key with an accepted algorithm");
    } catch (JOSEException e) {
      log.warn("Cannot verify bearer tokens now: {}", e.getMessage());
      throw new IllegalStateException("the token's keys cannot be read now");
    }
    if (!issuer.equals(claims.getIssuer())) throw invalid("the token's issuer is not trusted");
    if (!audience.isEmpty()
        && (claims.getAudience() == null || !claims.getAudience().contains(audience)))
      throw invalid("the token is not meant for this service (audience)");
    if (claims.getSubject() == null || claims.getSubject().isEmpty())
      throw invalid("the token has no subject (sub)");
    return Caller.user(
        claims.getSubject(),
        words(claims.getClaim(scopeClaim)),
        words(claims.getClaim(rolesClaim)),
        singleValued(claims));
  }

  /** Scopes as OAuth writes them (one space-separated string) or as a list. */
  private static Set<String> words(Object claim) {
    if (claim instanceof String s)
      return Set.copyOf(Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList());
    if (claim instanceof List<?> list)
      return Set.copyOf(list.stream().map(String::valueOf).toList());
    return Set.of();
  }

  private static Map<String, String> singleValued(JWTClaimsSet claims) {
    Map<String, String> out = new HashMap<>();
    claims
        .getClaims()
        .forEach(
            (name, value) -> {
              if (value instanceof String || value instanceof Number || value instanceof Boolean)
                out.put(name, String.valueOf(value));
            });
    return out;
  }

  private static Unauthenticated invalid(String description) {
    return new Unauthenticated("invalid_token", description);
  }
}
