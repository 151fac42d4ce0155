package io.acta.http.internal.security;

import io.acta.api.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Everything the routes need to know about who may do what: who a request comes from, the rule of
 * each operation, the rows of a view a caller may read, and where denials are counted.
 *
 * @param rows per view, which of its rows a caller may read (views without an entry: all)
 * @param denied told of each denied request: the operation's target and "unauthenticated" or
 *     "forbidden"
 */
public record Security(
    Authenticator authenticator,
    AccessRules rules,
    Map<String, BiPredicate<Caller, Object>> rows,
    Denials denied) {

  /** Counts and logs denied requests. */
  public interface Denials {
    void count(String target, String reason);
  }

  /** Authentication off: every request acts as the service, every operation is allowed. */
  public static Security off() {
    return new Security(
        Authenticator.off(), AccessRules.of(Map.of(), List.of()), Map.of(), (t, r) -> {});
  }

  /** Whether {@code caller} may read {@code row} of {@code view}. */
  public boolean mayRead(String view, Caller caller, Object row) {
    if (!authenticator.enabled()) return true;
    BiPredicate<Caller, Object> rule = rows.get(view);
    return rule == null || rule.test(caller, row);
  }
}
