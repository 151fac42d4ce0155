package io.acta.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Who may perform an operation of the HTTP API (a command, reading an entity, a view): declared
 * beside the routes ({@code HttpApi.Builder.allow}) and overridable in configuration, where it is
 * written as text: {@code anyone}, {@code authenticated}, {@code nobody}, {@code scope:<s>}, {@code
 * role:<r>}, {@code claim:<name>=<value>}, or several joined by {@code or}, e.g. {@code
 * "scope:ledger.write or role:teller"}. When authentication is on, an operation without a rule is
 * denied.
 */
public sealed interface Access {

  /** Whether {@code caller} may. */
  boolean allows(Caller caller);

  /** The rule as configuration writes it; also what a 403 names as missing. */
  @Override
  String toString();

  /** Anyone, with a token or without one. */
  static Access anyone() {
    return new Anyone();
  }

  /** Any caller with a valid token. */
  static Access authenticated() {
    return new Authenticated();
  }

  /** No one over HTTP. */
  static Access nobody() {
    return new Nobody();
  }

  /** A token carrying the scope. */
  static Access scope(String scope) {
    return new Scope(scope);
  }

  /** A token carrying the role. */
  static Access role(String role) {
    return new Role(role);
  }

  /** A token whose claim {@code name} has the value {@code value}. */
  static Access claim(String name, String value) {
    return new Claim(name, value);
  }

  /** This rule or {@code other}. */
  default Access or(Access other) {
    List<Access> all = new ArrayList<>();
    for (Access a : List.of(this, other)) {
      if (a instanceof AnyOf any) all.addAll(any.rules());
      else all.add(a);
    }
    return new AnyOf(all);
  }

  /**
   * Reads a rule as configuration writes it.
   *
   * @throws IllegalArgumentException naming what is not understood
   */
  static Access parse(String text) {
    Objects.requireNonNull(text, "text");
    String[] parts = text.trim().split("\\s+or\\s+");
    Access rule = null;
    for (String part : parts) {
      Access one = parseOne(part.trim(), text);
      rule = rule == null ? one : rule.or(one);
    }
    return rule;
  }

  private static Access parseOne(String term, String whole) {
    switch (term) {
      case "anyone":
        return anyone();
      case "authenticated":
        return authenticated();
      case "nobody":
        return nobody();
      default:
    }
    int colon = term.indexOf(':');
    String kind = colon < 0 ? term : term.substring(0, colon);
    String value = colon < 0 ? "" : term.substring(colon + 1);
    if (!value.isEmpty()) {
      switch (kind) {
        case "scope":
          return scope(value);
        case "role":
          return role(value);
        case "claim":
          int eq = value.indexOf('=');
          if (eq > 0 && eq < value.length() - 1)
            return claim(value.substring(0, eq), value.substring(eq + 1));
          break;
        default:
      }
    }
    throw new IllegalArgumentException(
        "access rule '"
            + whole
            + "': '"
            + term
            + "' is not one of anyone, authenticated, nobody, scope:<s>, role:<r>,"
            + " claim:<name>=<value> (joined by 'or')");
  }

  /** See {@link Access#anyone()}. */
  record Anyone() implements Access {
    @Override
    public boolean allows(Caller caller) {
      return true;
    }

    @Override
    public String toString() {
      return "anyone";
    }
  }

  /** See {@link Access#authenticated()}. */
  record Authenticated() implements Access {
    @Override
    public boolean allows(Caller caller) {
      return caller.kind() != Caller.Kind.ANONYMOUS;
    }

    @Override
    public String toString() {
      return "authenticated";
    }
  }

  /** See {@link Access#nobody()}. */
  record Nobody() implements Access {
    @Override
    public boolean allows(Caller caller) {
      return false;
    }

    @Override
    public String toString() {
      return "nobody";
    }
  }

  /** See {@link Access#scope}. */
  record Scope(String scope) implements Access {
    public Scope {
      requireWord(scope, "scope");
    }

    @Override
    public boolean allows(Caller caller) {
      return caller.hasScope(scope);
    }

    @Override
    public String toString() {
      return "scope:" + scope;
    }
  }

  /** See {@link Access#role}. */
  record Role(String role) implements Access {
    public Role {
      requireWord(role, "role");
    }

    @Override
    public boolean allows(Caller caller) {
      return caller.hasRole(role);
    }

    @Override
    public String toString() {
      return "role:" + role;
    }
  }

  /** See {@link Access#claim}. */
  record Claim(String name, String value) implements Access {
    public Claim {
      requireWord(name, "claim name");
      requireWord(value, "claim value");
    }

    @Override
    public boolean allows(Caller caller) {
      return caller.claim(name).map(value::equals).orElse(false);
    }

    @Override
    public String toString() {
      return "claim:" + name + "=" + value;
    }
  }

  /** See {@link Access#or}. */
  record AnyOf(List<Access> rules) implements Access {
    public AnyOf {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean allows(Caller caller) {
      return rules.stream().anyMatch(r -> r.allows(caller));
    }

    @Override
    public String toString() {
      return rules.stream().map(Access::toString).collect(Collectors.joining(" or "));
    }
  }

  private static void requireWord(String s, String what) {
    if (s == null || s.isBlank() || s.chars().anyMatch(Character::isWhitespace))
      throw new IllegalArgumentException("a " + what + " must be one word, not '" + s + "'");
  }
}
