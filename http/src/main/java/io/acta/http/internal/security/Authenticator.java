package io.acta.http.internal.security;

import io.acta.api.security.Caller;
import java.util.Locale;
import java.util.Optional;

/**
 * Who a request comes from, by its {@code Authorization} header (RFC 6750's bearer scheme). With
 * authentication off no header is read and every request acts as the service itself.
 *
 * <p>Verifying reads the key set from its cache; only a token naming a key id the cache lacks
 * fetches the set again, at most once per {@code jwks-refetch-limit}, within a 5 s timeout.
 */
public final class Authenticator {
  private static final Caller UNCHECKED = Caller.service("http");

  private final TokenVerifier verifier;
  private final String realm;

  private Authenticator(TokenVerifier verifier, String realm) {
    this.verifier = verifier;
    this.realm = realm;
  }

  /** Authentication off. */
  public static Authenticator off() {
    return new Authenticator(null, "");
  }

  /** Bearer tokens checked by {@code verifier}, challenges naming {@code realm}. */
  public static Authenticator bearer(TokenVerifier verifier, String realm) {
    return new Authenticator(verifier, realm);
  }

  public boolean enabled() {
    return verifier != null;
  }

  /**
   * The caller of a request with this {@code Authorization} header: anonymous without one.
   *
   * @throws Unauthenticated when a header is there but is not a valid bearer token
   */
  public Caller callerOf(Optional<String> authorization) {
    if (verifier == null) return UNCHECKED;
    if (authorization.isEmpty()) return Caller.anonymous();
    String value = authorization.get().trim();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer"))
      throw new Unauthenticated("invalid_request", "send the token as 'Authorization: Bearer ...'");
    return verifier.verify(value.substring(space + 1).trim());
  }

  /** The {@code WWW-Authenticate} value answering {@code failure} (RFC 6750, section 3). */
  public String challenge(Unauthenticated failure) {
    StringBuilder out = new StringBuilder("Bearer realm=\"").append(realm).append('"');
    if (failure.error() != null) {
      out.append(", error=\"").append(failure.error()).append('"');
      out.append(", error_description=\"").append(failure.getMessage().replace("\"", "'"));
      out.append('"');
    }
    return out.toString();
  }

  /** The {@code WWW-Authenticate} value of a 403: the token lacks what the rule asks. */
  public String insufficient(String missing) {
    return "Bearer realm=\""
        + realm
        + "\", error=\"insufficient_scope\", error_description=\"needs "
        + missing.replace("\"", "'")
        + "\"";
  }
}
