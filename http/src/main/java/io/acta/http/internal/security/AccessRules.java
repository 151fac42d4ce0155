package io.acta.http.internal.security;

import io.acta.api.security.Access;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which {@link Access} rule guards each operation of the HTTP API, by target name:
 *
 * <ul>
 *   <li>{@code <type>.<command>}: one command of an entity type (its name in URLs);
 *   <li>{@code <type>.read}: an entity's state and events;
 *   <li>{@code <type>}: every command and read of the type not named on its own;
 *   <li>{@code views.<view>}: a view's rows, lists and updates;
 *   <li>{@code metrics}, {@code openapi}: the node's metrics and its API description;
 *   <li>{@code admin}: the operations console's API ({@code /admin/api}).
 * </ul>
 *
 * Configuration ({@code acta.http.authorization.rules}, "target = rule") wins over what code
 * declared, target by target; an operation with no rule at all is denied.
 */
public final class AccessRules {
  private final Map<String, Access> rules;

  private AccessRules(Map<String, Access> rules) {
    this.rules = Map.copyOf(rules);
  }

  /** Code's rules, then the configured ones ({@code "target = rule"}) over them. */
  public static AccessRules of(Map<String, Access> declared, List<String> configured) {
    Map<String, Access> all = new HashMap<>(declared);
    for (String line : configured) {
      int eq = line.indexOf('=');
      if (eq <= 0)
        throw new IllegalArgumentException(
            "acta.http.authorization.rules: '" + line + "' is not 'target = rule'");
      all.put(line.substring(0, eq).trim(), Access.parse(line.substring(eq + 1)));
    }
    return new AccessRules(all);
  }

  /** Checks a configured line without keeping it: for the setting's constraint. */
  public static boolean valid(String line) {
    try {
      of(Map.of(), List.of(line));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The rule of a command: its own, else its type's. */
  public Access command(String type, String command) {
    return first(type + "." + command, type);
  }

  /** The rule of reading an entity's state and events: the type's read rule, else its type's. */
  public Access read(String type) {
    return first(type + ".read", type);
  }

  /** The rule of a view. */
  public Access view(String view) {
    return first("views." + view);
  }

  /** The rule of {@code /metrics}. */
  public Access metrics() {
    return first("metrics");
  }

  /** The rule of the operations console's API ({@code /admin/api}). */
  public Access admin() {
    return first("admin");
  }

  /** The rule of {@code /openapi.json}. */
  public Access openApi() {
    return first("openapi");
  }

  /** Every scope some rule names: what a development token carries. */
  public Set<String> scopes() {
    return named(Access.Scope.class, a -> ((Access.Scope) a).scope());
  }

  /** Every role some rule names: what a development token carries. */
  public Set<String> roles() {
    return named(Access.Role.class, a -> ((Access.Role) a).role());
  }

  private Set<String> named(Class<? extends Access> kind, Function<Access, String> name) {
    Set<String> out = new TreeSet<>();
    for (Access rule : rules.values()) {
      List<Access> terms = rule instanceof Access.AnyOf any ? any.rules() : List.of(rule);
      for (Access t : terms) if (kind.isInstance(t)) out.add(name.apply(t));
    }
    return out;
  }

  private Access first(String... targets) {
    for (String t : targets) {
      Optional<Access> rule = Optional.ofNullable(rules.get(t));
      if (rule.isPresent()) return rule.get();
    }
    return Access.nobody();
  }
}
