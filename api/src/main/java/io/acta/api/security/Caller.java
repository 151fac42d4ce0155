package io.acta.api.security;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who sent a command or asked for a row: what domain code sees of authentication, with no token or
 * framework type in it. A command that declares a component of this type receives the caller from
 * the runtime (the HTTP API fills it in from the verified token; a request body cannot), so an
 * entity decides ownership rules itself, as pure code:
 *
 * <pre>{@code
 * case Withdraw w when !w.caller().isService() && !w.caller().is(state.owner()) ->
 *     effects().forbid("only the account's owner may withdraw");
 * }</pre>
 *
 * @param kind a verified user, an anonymous request, or the service itself
 * @param name the user's subject ({@code sub}), the service's name, or empty when anonymous
 * @param scopes the token's scopes
 * @param roles the token's roles
 * @param claims the token's other claims of one value (strings, numbers, booleans), as text
 */
public record Caller(
    Kind kind, String name, Set<String> scopes, Set<String> roles, Map<String, String> claims) {

  /** The kinds of caller. */
  public enum Kind {
    /** A user or client whose bearer token was verified. */
    USER,
    /** A request without a token, to an operation whose rule lets anyone in. */
    ANONYMOUS,
    /**
     * The service itself: its own code, its processes and reactions, and, when authentication is
     * off, every HTTP request (the network is then what is trusted).
     */
    SERVICE
  }

  private static final Caller ANONYMOUS =
      new Caller(Kind.ANONYMOUS, "", Set.of(), Set.of(), Map.of());

  public Caller {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    scopes = Set.copyOf(scopes);
    roles = Set.copyOf(roles);
    claims = Map.copyOf(claims);
  }

  /** A verified user: {@code subject} with its scopes, roles and single-valued claims. */
  public static Caller user(
      String subject, Set<String> scopes, Set<String> roles, Map<String, String> claims) {
    if (subject == null || subject.isEmpty())
      throw new IllegalArgumentException("a user needs a subject");
    return new Caller(Kind.USER, subject, scopes, roles, claims);
  }

  /** A request without a token. */
  public static Caller anonymous() {
    return ANONYMOUS;
  }

  /** The service itself, under a name for logs (e.g. {@code "process:transfer"}). */
  public static Caller service(String name) {
    return new Caller(Kind.SERVICE, name, Set.of(), Set.of(), Map.of());
  }

  /** Whether this is the verified user {@code subject}. */
  public boolean is(String subject) {
    return kind == Kind.USER && name.equals(subject);
  }

  /** Whether this is the service itself. */
  public boolean isService() {
    return kind == Kind.SERVICE;
  }

  /** Whether a verified token carries {@code scope}. */
  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }

  /** Whether a verified token carries {@code role}. */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** A claim of the token, as text. */
  public Optional<String> claim(String name) {
    return Optional.ofNullable(claims.get(name));
  }
}
