package io.acta.embedded.internal;

import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Which Java runtimes run a server, and how messages say so.
 *
 * @param product the server and its release line, e.g. {@code "Cassandra 5.0"}
 * @param preferred the feature releases to choose first, in order, e.g. {@code [17, 11]}
 * @param supported which feature releases run the server at all (a superset of {@code preferred})
 * @param tooNewFrom the first feature release called "too new" rather than "not supported"
 * @param needs what a message says the server needs, e.g. {@code "11 or 17"}
 * @param runsOn what a message says the server runs on, e.g. {@code "Java 11 and 17 only"}
 * @param note added after {@code runsOn} when nothing fits, e.g. how a newer Java fails; may be
 *     empty
 * @param install what a message asks to install, e.g. {@code "17 (or 11)"}
 */
public record JavaRequirement(
    String product,
    List<Integer> preferred,
    IntPredicate supported,
    int tooNewFrom,
    String needs,
    String runsOn,
    String note,
    String install) {

  /** Checks and copies. */
  public JavaRequirement {
    Objects.requireNonNull(product, "product");
    preferred = List.copyOf(preferred);
    Objects.requireNonNull(supported, "supported");
    Objects.requireNonNull(needs, "needs");
    Objects.requireNonNull(runsOn, "runsOn");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(install, "install");
    for (int f : preferred) {
      if (!supported.test(f))
        throw new IllegalArgumentException("preferred Java " + f + " is not supported");
    }
  }

  /** Whether feature release {@code feature} runs the server. */
  public boolean supports(int feature) {
    return supported.test(feature);
  }

  /**
   * Why {@code feature} does not fit, as a suffix of {@code "Java <version>"}, e.g. {@code " (too
   * new: Cassandra 5.0 needs 11 or 17)"}.
   */
  public String whyNot(int feature) {
    int oldest = preferred.stream().mapToInt(Integer::intValue).min().orElse(0);
    if (feature < oldest) return " (too old: " + product + " needs " + needs + ")";
    if (feature >= tooNewFrom) return " (too new: " + product + " needs " + needs + ")";
    return " (not supported by " + product + ", which needs " + needs + ")";
  }
}
