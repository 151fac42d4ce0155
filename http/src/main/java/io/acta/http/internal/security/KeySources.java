package io.acta.http.internal.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the keys that sign bearer tokens come from: a JWKS document at a URL or in a file, or the
 * {@code jwks_uri} an OpenID Connect issuer's discovery document names. The set is cached for
 * {@code cacheFor}, fetched again ahead of expiry in the background, and at once (at most once per
 * {@code refetchLimit}) when a token names a key id the cached set lacks: keys rotate without a
 * restart.
 */
public final class KeySources {
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

  private KeySources() {}

  /**
   * The keys of {@code jwks} (an http(s) URL or a file path), or, when it is empty, of {@code
   * issuer}'s discovery document.
   */
  public static JWKSource<SecurityContext> remote(
      String jwks, String issuer, Duration cacheFor, Duration refetchLimit) {
    URL url;
    ResourceRetriever retriever = null;
    try {
      if (jwks.isEmpty()) {
        url = URI.create(discoverJwksUri(issuer)).toURL();
      } else if (jwks.startsWith("https://") || jwks.startsWith("http://")) {
        url = URI.create(jwks).toURL();
      } else {
        Path file = Path.of(jwks).toAbsolutePath();
        if (!Files.isReadable(file))
          throw new IllegalArgumentException("the JWKS file " + file + " cannot be read");
        url = file.toUri().toURL();
        retriever = KeySources::readFile;
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("bad JWKS location '" + jwks + "': " + e.getMessage(), e);
    }
    JWKSourceBuilder<SecurityContext> builder =
        retriever == null ? JWKSourceBuilder.create(url) : JWKSourceBuilder.create(url, retriever);
    long ttl = cacheFor.toMillis();
    return builder
        .cache(ttl, FETCH_TIMEOUT.toMillis())
        .refreshAheadCache(Math.min(ttl / 4, 30_000), true)
        .rateLimited(refetchLimit.toMillis())
        .retrying(true)
        .build();
  }

  /** Keys tried first, then the others. */
  public static JWKSource<SecurityContext> firstThen(
      JWKSet first, Optional<JWKSource<SecurityContext>> then) {
    ImmutableJWKSet<SecurityContext> own = new ImmutableJWKSet<>(first);
    if (then.isEmpty()) return own;
    return (selector, context) -> {
      List<JWK> found = new ArrayList<>(own.get(selector, context));
      if (found.isEmpty()) found.addAll(then.get().get(selector, context));
      return found;
    };
  }

  private static Resource readFile(URL url) throws IOException {
    try {
      return new Resource(Files.readString(Path.of(url.toURI())), "application/json");
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }

  /** OpenID Connect Discovery 1.0: the issuer's {@code jwks_uri}, checking the issuer it names. */
  private static String discoverJwksUri(String issuer) throws IOException {
    if (issuer.isEmpty())
      throw new IllegalArgumentException(
          "authentication needs the keys: set acta.http.authentication.jwks, or .issuer to an"
              + " OpenID Connect issuer");
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    URI where = URI.create(base + "/.well-known/openid-configuration");
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(where).timeout(FETCH_TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200)
        throw new IOException(where + " answered " + response.statusCode());
      JsonNode doc = new ObjectMapper().readTree(response.body());
      if (!issuer.equals(doc.path("issuer").asText()))
        throw new IOException(
            where + " names issuer '" + doc.path("issuer").asText() + "', not '" + issuer + "'");
      String jwksUri = doc.path("jwks_uri").asText();
      if (jwksUri.isEmpty()) throw new IOException(where + " names no jwks_uri");
      return jwksUri;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + where);
    }
  }
}
