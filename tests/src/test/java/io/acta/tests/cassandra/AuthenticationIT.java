package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.acta.examples.ledger.LedgerService;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Transfer;
import io.acta.http.HttpApi;
import io.acta.runtime.ActaNode;
import io.acta.runtime.JournalEvent;
import io.acta.runtime.Projections;
import io.acta.tests.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens and access rules over real loopback HTTP: the ledger's API (its own rules, {@link
 * LedgerService#httpApi()}) on a node on the real Cassandra server, trusting the keys a JWKS
 * endpoint on loopback serves. Tokens are real JWTs signed with RS256 and ES256 keys.
 */
class AuthenticationIT {
  private static final String ISSUER = "https://issuer.test";
  private static final String AUDIENCE = "ledger";
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper json = new ObjectMapper();
  private static final AtomicReference<String> served = new AtomicReference<>();

  private static HttpServer jwks;
  private static RSAKey rsa;
  private static ECKey ec;
  private static ActaNode node;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    serve(rsa, ec);
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext(
        "/jwks.json",
        exchange -> {
          byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    jwks.start();
    node =
        CassandraNodes.ledger(
            "auth-it",
            "auth_it",
            List.of(LedgerService.httpApi().port(0).build(), Projections.of(LedgerViews.BALANCES)),
            "pekko.management.http { hostname = \"127.0.0.1\", port = 0 }\n"
                + "acta.http.authentication {\n"
                + "  enabled = on\n"
                + "  jwks = \"http://127.0.0.1:"
                + jwks.getAddress().getPort()
                + "/jwks.json\"\n"
                + "  issuer = \""
                + ISSUER
                + "\"\n"
                + "  audience = \""
                + AUDIENCE
                + "\"\n"
                + "  algorithms = [RS256, ES256]\n"
                // So that the rotation test need not wait out the refetch limit.
                + "  jwks-refetch-limit = 0s\n"
                + "}\n"
                + "acta.http.cors.allowed-origins = [\"http://app.test\"]",
            List.of(Transfer.TYPE));
    base = "http://127.0.0.1:" + node.extension(HttpApi.class).boundAddress().getPort();
  }

  @AfterAll
  static void stop() {
    if (node != null) node.close();
    if (jwks != null) jwks.stop(0);
  }

  private static void serve(JWK... keys) {
    served.set(new JWKSet(List.of(keys)).toPublicJWKSet().toString());
  }

  // --- tokens

  private static JWTClaimsSet.Builder claims(String subject, String scope) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject(subject)
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .claim("scope", scope);
  }

  private static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) {
    try {
      JWSSigner signer =
          key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
              claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String token(String subject, String scope) {
    return sign(rsa, JWSAlgorithm.RS256, claims(subject, scope).build());
  }

  private static String token(String subject, String scope, UnaryOperator<JWTClaimsSet.Builder> f) {
    return sign(rsa, JWSAlgorithm.RS256, f.apply(claims(subject, scope)).build());
  }

  // --- HTTP

  record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    String error() {
      return body.path("error").path("message").asText();
    }

    String challenge() {
      return raw.headers().firstValue("WWW-Authenticate").orElse("");
    }
  }

  private static Answer send(String method, String path, String token, String body) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (token != null) req.header("Authorization", "Bearer " + token);
    if (body != null)
      req.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    else req.method(method, HttpRequest.BodyPublishers.noBody());
    try {
      HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed =
          r.body().isBlank() || !r.body().startsWith("{") && !r.body().startsWith("[")
              ? json.createObjectNode()
              : json.readTree(r.body());
      return new Answer(r.statusCode(), parsed, r);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Answer open(String id, String owner, String token) {
    return send(
        "POST",
        "/api/account/" + id + "/open",
        token,
        "{\"owner\":\"" + owner + "\",\"currency\":\"EUR\"}");
  }

  private static Answer move(String id, String what, long minor, String token) {
    return send(
        "POST",
        "/api/account/" + id + "/" + what,
        token,
        "{\"amount\":{\"minorUnits\":" + minor + ",\"currency\":\"EUR\"}}");
  }

  private static String id() {
    return "acc-" + UUID.randomUUID();
  }

  // --- tests

  @Test
  void tokensSignedWithRs256OrEs256ByATrustedKeyAreTaken() {
    String id = id();
    assertThat(open(id, "ada", token("ada", "ledger.write")).status()).isEqualTo(200);
    String es256 = sign(ec, JWSAlgorithm.ES256, claims("ada", "ledger.read").build());
    Answer state = send("GET", "/api/account/" + id, es256, null);
    assertThat(state.status()).isEqualTo(200);
    assertThat(state.body().path("owner").asText()).isEqualTo("ada");
  }

  @Test
  void aRequestWithoutATokenIsChallenged() {
    Answer a = send("GET", "/api/account/" + id(), null, null);
    assertThat(a.status()).isEqualTo(401);
    assertThat(a.challenge()).isEqualTo("Bearer realm=\"acta\"");
    assertThat(a.body().path("error").path("code").asText()).isEqualTo("unauthenticated");
  }

  @Test
  void eachFaultyTokenIsRefusedSayingWhatIsWrong() throws Exception {
    Instant now = Instant.now();
    byte[] publicKeyBytes = rsa.toRSAPublicKey().getEncoded();
    SignedJWT hmac =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
            claims("ada", "ledger.read").build());
    hmac.sign(new MACSigner(publicKeyBytes)); // "signed" with the public key, which anyone has
    Map<String, String> faulty =
        Map.of(
            token("ada", "ledger.read", c -> c.expirationTime(Date.from(now.minusSeconds(3600)))),
            "the token has expired",
            token("ada", "ledger.read", c -> c.notBeforeTime(Date.from(now.plusSeconds(3600)))),
            "the token is not valid yet",
            token("ada", "ledger.read", c -> c.issuer("https://elsewhere.test")),
            "the token's issuer is not trusted",
            token("ada", "ledger.read", c -> c.audience("another-service")),
            "the token is not meant for this service (audience)",
            new PlainJWT(claims("ada", "ledger.read").build()).serialize(),
            "unsigned tokens (alg: none) are refused",
            hmac.serialize(),
            "the token is not signed by a trusted key with an accepted algorithm",
            "not-a-jwt",
            "the token is not a well-formed JWT");
    String id = id();
    assertThat(open(id, "ada", token("ada", "ledger.write")).status()).isEqualTo(200);
    faulty.forEach(
        (token, why) -> {
          Answer a = send("GET", "/api/account/" + id, token, null);
          assertThat(a.status()).as(why).isEqualTo(401);
          assertThat(a.error()).isEqualTo(why);
          assertThat(a.challenge())
              .startsWith("Bearer realm=\"acta\", error=\"invalid_token\"")
              .contains("error_description=\"" + why.replace("\"", "'") + "\"");
        });
  }

  @Test
  void aKeyRotatedInIsTakenOnceTheIssuerServesIt() throws Exception {
    RSAKey next = new RSAKeyGenerator(2048).keyID("rsa-2-" + UUID.randomUUID()).generate();
    String id = id();
    String token = sign(next, JWSAlgorithm.RS256, claims("ada", "ledger.write").build());
    assertThat(open(id, "ada", token).status()).isEqualTo(401);
    serve(rsa, ec, next);
    assertThat(open(id, "ada", token).status()).isEqualTo(200);
  }

  @Test
  void aTokenWithoutThePermissionIsForbiddenNamingIt() {
    Answer a = move(id(), "deposit", 100, token("ada", "ledger.read"));
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.error()).isEqualTo("missing permission: scope:ledger.write (account.deposit)");
    assertThat(a.challenge()).contains("error=\"insufficient_scope\"");
    Answer metrics = send("GET", "/metrics", token("ada", "ledger.read"), null);
    assertThat(metrics.status()).isEqualTo(403);
    assertThat(metrics.error()).contains("role:operator");
  }

  @Test
  void customersMoveMoneyOnlyOutOfTheirOwnAccountsAndDeniedCommandsLeaveTheJournalAlone() {
    String adas = id();
    String ada = token("ada", "ledger.write ledger.read");
    String bob = token("bob", "ledger.write ledger.read");
    assertThat(open(adas, "ada", bob).status()).as("opening in another's name").isEqualTo(403);
    assertThat(open(adas, "ada", ada).status()).isEqualTo(200);
    assertThat(move(adas, "deposit", 5000, bob).status()).as("anyone may pay in").isEqualTo(200);
    Answer theft = move(adas, "withdraw", 1000, bob);
    assertThat(theft.status()).isEqualTo(403);
    assertThat(theft.error()).isEqualTo("only the account's owner may withdraw from it");
    assertThat(move(adas, "withdraw", 1000, null).status()).isEqualTo(401);
    assertThat(move(adas, "withdraw", 1000, token("ada", "ledger.read")).status()).isEqualTo(403);
    Answer own = move(adas, "withdraw", 1000, ada);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.body().path("minorUnits").asLong()).isEqualTo(4000);

    List<JournalEvent> journal = node.events("account", adas, 1, 100).toCompletableFuture().join();
    assertThat(journal.stream().map(JournalEvent::typeName))
        .containsExactly("account.opened", "account.deposited", "account.withdrawn");
  }

  @Test
  void aCustomersTransferTakesMoneyOnlyOutOfHerOwnAccount() {
    String adas = id();
    String bobs = id();
    String ada = token("ada", "ledger.write");
    String bob = token("bob", "ledger.write");
    String teller = token("tom", "", c -> c.claim("roles", List.of("teller")));
    assertThat(open(adas, "ada", ada).status()).isEqualTo(200);
    assertThat(open(bobs, "bob", bob).status()).isEqualTo(200);
    assertThat(move(adas, "deposit", 5000, ada).status()).isEqualTo(200);
    String body =
        "{\"from\":\"%s\",\"to\":\"%s\",\"amount\":{\"minorUnits\":1000,\"currency\":\"EUR\"}}";
    String theft = "t-" + UUID.randomUUID();
    assertThat(
            send("POST", "/api/transfer/" + theft + "/start", bob, body.formatted(adas, bobs))
                .status())
        .isEqualTo(200);
    JsonNode refused = finished(theft, teller);
    assertThat(refused.path("status").asText()).isEqualTo("FAILED");
    assertThat(refused.path("reason").asText())
        .isEqualTo("only the account's owner may withdraw from it");
    String own = "t-" + UUID.randomUUID();
    assertThat(
            send("POST", "/api/transfer/" + own + "/start", ada, body.formatted(adas, bobs))
                .status())
        .isEqualTo(200);
    assertThat(finished(own, teller).path("status").asText()).isEqualTo("COMPLETED");
    assertThat(send("GET", "/api/transfer/" + own, ada, null).status())
        .as("transfers are read by tellers")
        .isEqualTo(403);
  }

  private static JsonNode finished(String transfer, String teller) {
    return Eventually.await(
        Duration.ofSeconds(30),
        () -> send("GET", "/api/transfer/" + transfer, teller, null).body(),
        state ->
            List.of("COMPLETED", "FAILED", "REFUNDED").contains(state.path("status").asText()));
  }

  @Test
  void aCustomerReadsHerOwnRowsOfTheBalancesViewOnly() {
    String adas = id();
    String bobs = id();
    String ada = token("ada", "ledger.write ledger.read");
    String bob = token("bob", "ledger.write ledger.read");
    Answer opened = open(adas, "ada", ada);
    assertThat(open(bobs, "bob", bob).status()).isEqualTo(200);
    String position = opened.raw().headers().firstValue("Write-Position").orElseThrow();
    String wait = "?position=" + position.replace("|", "%7C") + "&wait=10s";
    Answer own = send("GET", "/views/balances/" + adas + wait, ada, null);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.body().path("owner").asText()).isEqualTo("ada");
    Answer others = send("GET", "/views/balances/" + adas + wait, bob, null);
    assertThat(others.status()).isEqualTo(403);
    assertThat(others.error()).doesNotContain("ada");
    JsonNode adasList =
        send("GET", "/views/balances?by=owner&value=ada", ada, null).body().path("rows");
    assertThat(adasList.findValuesAsText("key")).contains(adas);
    JsonNode bobsList =
        send("GET", "/views/balances?by=owner&value=ada", bob, null).body().path("rows");
    assertThat(bobsList.isArray()).isTrue();
    assertThat(bobsList.findValuesAsText("key")).doesNotContain(adas);
  }

  private static HttpResponse<String> raw(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.Builder preflight(String origin) {
    return HttpRequest.newBuilder(URI.create(base + "/api/account/x/deposit"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key");
  }

  @Test
  void pagesOfAnAllowedOriginMayCallTheApiAndOthersMayNot() {
    HttpResponse<String> allowed = raw(preflight("http://app.test"));
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("http://app.test");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .containsIgnoringCase("authorization")
        .containsIgnoringCase("idempotency-key");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("POST");

    HttpResponse<String> methodRefused =
        raw(preflight("http://app.test").setHeader("Access-Control-Request-Method", "DELETE"));
    assertThat(methodRefused.statusCode()).as("a method not allowed").isEqualTo(403);

    HttpResponse<String> refused = raw(preflight("http://evil.test"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    String id = id();
    HttpResponse<String> opened =
        raw(
            HttpRequest.newBuilder(URI.create(base + "/api/account/" + id + "/open"))
                .header("Origin", "http://app.test")
                .header("Authorization", "Bearer " + token("ada", "ledger.write"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"owner\":\"ada\",\"currency\":\"EUR\"}")));
    assertThat(opened.statusCode()).isEqualTo(200);
    assertThat(opened.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("http://app.test");
    assertThat(opened.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
        .contains("Write-Position");
  }

  @Test
  void anUpdatesStreamTakesItsTokenFromTheQueryAsABrowsersEventSourceMust() throws Exception {
    String id = id();
    String ada = token("ada", "ledger.write ledger.read");
    assertThat(open(id, "ada", ada).status()).isEqualTo(200);
    HttpRequest.Builder stream =
        HttpRequest.newBuilder(
                URI.create(base + "/views/balances/" + id + "/updates?access_token=" + ada))
            .header("Origin", "http://app.test")
            .timeout(Duration.ofSeconds(20));
    HttpResponse<InputStream> response =
        http.send(stream.build(), HttpResponse.BodyHandlers.ofInputStream());
    try {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
    } finally {
      response.body().close();
    }
    HttpResponse<String> noToken =
        raw(HttpRequest.newBuilder(URI.create(base + "/views/balances/" + id + "/updates")));
    assertThat(noToken.statusCode()).isEqualTo(401);
    HttpResponse<String> queryElsewhere =
        raw(
            HttpRequest.newBuilder(
                URI.create(base + "/api/account/" + id + "?access_token=" + ada)));
    assertThat(queryElsewhere.statusCode())
        .as("a token in the query is taken for updates streams only")
        .isEqualTo(401);
  }

  @Test
  void theApiDescriptionDeclaresTheBearerSchemeAndEachOperationsRule() {
    Answer doc = send("GET", "/openapi.json", null, null);
    assertThat(doc.status()).isEqualTo(200);
    JsonNode body = doc.body();
    assertThat(body.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    JsonNode withdraw = body.at("/paths/~1api~1account~1{id}~1withdraw/post");
    assertThat(withdraw.path("x-acta-access").asText()).isEqualTo("scope:ledger.write");
    assertThat(withdraw.at("/security/0").has("bearer")).isTrue();
    assertThat(withdraw.at("/requestBody/content/application~1json/schema/$ref").asText())
        .isNotEmpty();
    assertThat(body.toString()).doesNotContain("\"caller\"");
  }
}
