package io.acta.http.internal;

import io.acta.api.entity.WritePosition;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads query parameters (and the Last-Event-ID header) by small grammars of their own. No request
 * value ever reaches a configuration or expression parser, whose syntax (includes, substitutions,
 * several keys) a client could use to mean something other than one value.
 */
final class QueryParameters {
  private static final Pattern WAIT = Pattern.compile("([0-9]{1,6})(ms|s)");
  private static final Pattern WHOLE = Pattern.compile("[0-9]{1,19}");
  private static final Pattern POSITION = Pattern.compile(".+\\|[0-9]{1,19}");
  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);

  private QueryParameters() {}

  /**
   * {@code ?wait=}: whole milliseconds or seconds ({@code 500ms}, {@code 2s}) up to {@code max};
   * absent, 2 s (or {@code max} when that is shorter).
   */
  static Duration waitFor(Optional<String> wait, Duration max) {
    if (wait.isEmpty()) return DEFAULT_WAIT.compareTo(max) < 0 ? DEFAULT_WAIT : max;
    Matcher m = WAIT.matcher(wait.get());
    Duration d = null;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
    }
    if (d == null || d.compareTo(max) > 0) {
      throw ApiError.badRequest(
          "'wait' must be a whole number of ms or s from 0 to "
              + max.toMillis()
              + "ms, such as 500ms or 2s");
    }
    return d;
  }

  /** {@code ?position=}: {@code type|id|sequenceNr}, as the Write-Position header gives it. */
  static WritePosition position(String text) {
    try {
      if (POSITION.matcher(text).matches()) return WritePosition.parse(text);
    } catch (IllegalArgumentException e) {
      // refused below, in the words of this API
    }
    throw ApiError.badRequest(
        "'position' must be type|id|sequenceNr, as in the Write-Position header");
  }

  /** A whole number of ASCII digits from {@code min} to {@code max}; {@code fallback} if absent. */
  static long number(Optional<String> text, String name, long fallback, long min, long max) {
    if (text.isEmpty()) return fallback;
    if (WHOLE.matcher(text.get()).matches()) {
      try {
        long n = Long.parseLong(text.get());
        if (n >= min && n <= max) return n;
      } catch (NumberFormatException tooLarge) {
        // refused below
      }
    }
    throw ApiError.badRequest("'" + name + "' must be a whole number from " + min + " to " + max);
  }
}
