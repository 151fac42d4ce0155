package io.acta.http.internal;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.pekko.http.cors.javadsl.model.HttpHeaderRange;
import org.apache.pekko.http.cors.javadsl.model.HttpOriginMatcher;
import org.apache.pekko.http.cors.javadsl.settings.CorsSettings;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.headers.HttpOrigin;

/**
 * Which browser pages of other origins may use the API (CORS), as Pekko's CORS directive applies
 * it: preflight requests answered, allowed origins echoed, others refused. No credentials mode:
 * tokens travel in the Authorization header, not in cookies.
 */
public final class CorsPolicy {
  private final CorsSettings settings;

  private CorsPolicy(CorsSettings settings) {
    this.settings = settings;
  }

  /** Whether {@code origin} is {@code *} or an origin such as {@code https://app.example.com}. */
  public static boolean validOrigin(String origin) {
    if (origin.equals("*")) return true;
    try {
      HttpOrigin parsed = HttpOrigin.parse(origin);
      return parsed.scheme().equals("http") || parsed.scheme().equals("https");
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Whether {@code method} is a method HTTP knows, such as {@code GET} or {@code POST}. */
  public static boolean validMethod(String method) {
    return HttpMethods.lookup(method).isPresent();
  }

  /** The policy, or none when no origin is allowed; {@code config} is the node's. */
  public static Optional<CorsPolicy> of(
      Config config,
      List<String> origins,
      List<String> methods,
      List<String> headers,
      List<String> exposed,
      Duration maxAge) {
    if (origins.isEmpty()) return Optional.empty();
    HttpOriginMatcher allowed =
        origins.contains("*")
            ? HttpOriginMatcher.ALL
            : HttpOriginMatcher.strict(
                origins.stream().map(HttpOrigin::parse).toArray(HttpOrigin[]::new));
    return Optional.of(
        new CorsPolicy(
            // Pekko's own pekko.http.cors block under ours: every field is set here.
            CorsSettings.create(config)
                .withAllowGenericHttpRequests(true)
                .withAllowCredentials(false)
                .withAllowedOrigins(allowed)
                .withAllowedMethods(
                    methods.stream().map(m -> HttpMethods.lookup(m).orElseThrow()).toList())
                .withAllowedHeaders(HttpHeaderRange.create(headers.toArray(String[]::new)))
                .withExposedHeaders(exposed)
                .withMaxAge(OptionalLong.of(maxAge.toSeconds()))));
  }

  CorsSettings settings() {
    return settings;
  }
}
