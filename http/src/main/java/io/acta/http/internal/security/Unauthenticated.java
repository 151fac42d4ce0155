package io.acta.http.internal.security;

/**
 * A request whose bearer token is missing where one is needed, or not valid: answered 401 with a
 * {@code WWW-Authenticate} challenge as RFC 6750 writes it.
 *
 * @param error RFC 6750's error code ({@code invalid_token}, {@code invalid_request}), or null when
 *     the request simply had no token
 */
public final class Unauthenticated extends RuntimeException {
  private final String error;

  public Unauthenticated(String error, String description) {
    super(description, null, false, false);
    this.error = error;
  }

  /** RFC 6750's error code, or null. */
  public String error() {
    return error;
  }
}
