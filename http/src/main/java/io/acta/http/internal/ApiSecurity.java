package io.acta.http.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.acta.api.security.Access;
import io.acta.api.security.Caller;
import io.acta.config.SettingValues;
import io.acta.http.HttpApi;
import io.acta.http.internal.security.AccessRules;
import io.acta.http.internal.security.Authenticator;
import io.acta.http.internal.security.DevTokens;
import io.acta.http.internal.security.KeySources;
import io.acta.http.internal.security.Security;
import io.acta.http.internal.security.TokenVerifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the HTTP API's {@link Security} from its settings and the rules the code declared. */
public final class ApiSecurity {
  private static final Logger log = LoggerFactory.getLogger(ApiSecurity.class);
  private static final Duration DEV_TOKEN_LIFETIME = Duration.ofHours(12);

  /** Rules every API starts with: operators read metrics, anyone reads the API's description. */
  public static final Map<String, Access> BUILT_IN_RULES =
      Map.of(
          "metrics", Access.role("operator"),
          "admin", Access.role("operator"),
          "openapi", Access.anyone());

  private ApiSecurity() {}

  /**
   * Security off, or bearer tokens verified as {@code settings} say, with {@code declared} rules
   * under the configured ones.
   */
  public static Security of(
      SettingValues settings,
      Map<String, Access> declared,
      Map<String, BiPredicate<Caller, Object>> rows,
      MeterRegistry meters) {
    if (!settings.get(HttpApi.AUTHENTICATION)) return Security.off();
    String issuer = settings.get(HttpApi.ISSUER);
    String audience = settings.get(HttpApi.AUDIENCE);
    if (issuer.isEmpty())
      throw new IllegalArgumentException(
          "acta.http.authentication.issuer must name the tokens' issuer when authentication is on");
    if (audience.isEmpty())
      log.warn(
          "acta.http.authentication.audience is empty: tokens issued for any service of {} are"
              + " taken",
          issuer);
    AccessRules rules = AccessRules.of(declared, settings.get(HttpApi.AUTHORIZATION_RULES));
    String jwks = settings.get(HttpApi.JWKS);
    String devFile = settings.get(HttpApi.DEV_TOKEN_FILE);
    Optional<JWKSource<SecurityContext>> configured =
        jwks.isEmpty() && !devFile.isEmpty()
            ? Optional.empty()
            : Optional.of(
                KeySources.remote(
                    jwks,
                    issuer,
                    settings.get(HttpApi.JWKS_CACHE),
                    settings.get(HttpApi.JWKS_REFETCH_LIMIT)));
    Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
    settings.get(HttpApi.ALGORITHMS).forEach(a -> algorithms.add(JWSAlgorithm.parse(a)));
    DevTokens dev = devFile.isEmpty() ? null : DevTokens.create(issuer, audience);
    JWKSource<SecurityContext> keys;
    if (dev != null) {
      algorithms.add(JWSAlgorithm.ES256);
      keys = KeySources.firstThen(dev.publicKeys(), configured);
    } else {
      keys = configured.orElseThrow();
    }
    TokenVerifier verifier =
        new TokenVerifier(
            keys,
            algorithms,
            issuer,
            audience,
            settings.get(HttpApi.CLOCK_SKEW),
            settings.get(HttpApi.SCOPE_CLAIM),
            settings.get(HttpApi.ROLES_CLAIM));
    if (dev != null) {
      Path file = Path.of(devFile);
      DevTokens.write(
          file,
          dev.token(
              "developer",
              List.copyOf(rules.scopes()),
              List.copyOf(rules.roles()),
              DEV_TOKEN_LIFETIME));
      log.warn(
          "Development token (every scope and role of the access rules, 12 hours) written to {};"
              + " acta.http.authentication.dev-token-file is for development only",
          file.toAbsolutePath());
    }
    log.info(
        "Bearer tokens required: issuer {}, audience {}, algorithms {}",
        issuer,
        audience.isEmpty() ? "(any)" : audience,
        algorithms);
    return new Security(
        Authenticator.bearer(verifier, settings.get(HttpApi.REALM)),
        rules,
        rows,
        (target, reason) ->
            Counter.builder("acta.http.denied")
                .description("Requests refused by authentication (401) or authorization (403)")
                .tag("target", target)
                .tag("reason", reason)
                .register(meters)
                .increment());
  }
}
