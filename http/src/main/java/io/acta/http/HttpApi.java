package io.acta.http;

import io.acta.api.EscapeHatch;
import io.acta.api.entity.EntityType;
import io.acta.api.security.Access;
import io.acta.api.security.Caller;
import io.acta.api.view.ViewType;
import io.acta.config.Constraint;
import io.acta.config.Setting;
import io.acta.config.SettingValues;
import io.acta.config.SettingsReader;
import io.acta.config.SettingsTable;
import io.acta.http.internal.ApiRoutes;
import io.acta.http.internal.ApiSecurity;
import io.acta.http.internal.CommandUrls;
import io.acta.http.internal.CorsPolicy;
import io.acta.http.internal.DeclaredRoute;
import io.acta.http.internal.HeartbeatSweep;
import io.acta.http.internal.IdleConnections;
import io.acta.http.internal.security.AccessRules;
import io.acta.http.internal.security.PemServerTls;
import io.acta.http.internal.security.TokenVerifier;
import io.acta.runtime.ActaNode;
import io.acta.runtime.NodeExtension;
import io.acta.runtime.NodeRole;
import io.acta.runtime.Projections;
import io.acta.runtime.spi.JsonMappers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a node's entities and views over HTTP: generic endpoints for every registered entity type
 * and view (see {@link ApiRoutes}), JSON in and out, and one error shape {@code {"error":
 * {"status", "code", "message", "requestId"}}}: 400 for a malformed request (naming the field), 404
 * for an unknown type, command or view, 405, 409 for a rejection, 413 for an oversized body, 415,
 * 422 for an invalid command, 503 when the store or the view is not there in time.
 *
 * <pre>{@code
 * ActaNode.builder("ledger").entity(Account.TYPE)
 *     .with(Projections.of(LedgerViews.BALANCES))
 *     .with(HttpApi.builder().port(8080).build())
 *     .start();
 * }</pre>
 *
 * <p>Its settings, under {@code acta.http}, are declared in {@link #SETTINGS}; {@link Builder#host}
 * and {@link Builder#port} override two of them in code.
 */
public final class HttpApi implements NodeExtension {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

  /** {@code acta.http.host}. */
  public static final Setting<String> HOST =
      Setting.string(
          "host",
          "127.0.0.1",
          """
          The interface to listen on.\
          """);

  /** {@code acta.http.port}. */
  public static final Setting<Integer> PORT =
      Setting.integer(
          "port",
          8080,
          """
          The port to listen on. 0 picks a free one (see HttpApi.boundAddress()).\
          """);

  /** {@code acta.http.max-body-size}, in bytes. */
  public static final Setting<Long> MAX_BODY_SIZE =
      Setting.memorySize(
          "max-body-size",
          64 * 1024,
          """
          Larger request bodies are refused with 413 before they are read in full.\
          """);

  /** {@code acta.http.max-wait}. */
  public static final Setting<Duration> MAX_WAIT =
      Setting.duration(
          "max-wait",
          Duration.ofSeconds(10),
          """
          How long a read-your-writes view query may wait for the view to reach a write position, at most.\
          """);

  /** {@code acta.http.max-key-length}. */
  public static final Setting<Integer> MAX_KEY_LENGTH =
      Setting.integer(
          "max-key-length",
          200,
          """
          Entity ids and view keys longer than this are refused with 400 (also bounded by the node's
          acta.node.max-entity-id-length).\
          """);

  /** {@code acta.http.max-update-streams}. */
  public static final Setting<Integer> MAX_UPDATE_STREAMS =
      Setting.integer(
              "max-update-streams",
              20000,
              """
              At most this many updates streams (GET /views/{view}/{key}/updates) are open on this node at
              once; one more is refused with 503 until a stream ends. An idle stream costs a connection
              and a little memory: changes are pushed to the node (acta.projections), which reads a
              changed row once for all the streams that follow it. The server accepts this many
              connections and 1024 more (or pekko.http.server.max-connections, if larger). A client
              that leaves is noticed when writing to it fails, within two heartbeats
              (updates-heartbeat-interval).\
              """)
          .requiring(Constraint.atLeast(1));

  /**
   * Connections the server accepts beside {@code max-update-streams}, for commands and queries: it
   * accepts the larger of that sum and {@code pekko.http.server.max-connections}.
   */
  private static final int EXTRA_CONNECTIONS = 1024;

  /** {@code acta.http.updates-heartbeat-interval}. */
  public static final Setting<Duration> UPDATES_HEARTBEAT_INTERVAL =
      Setting.duration(
          "updates-heartbeat-interval",
          Duration.ofSeconds(30),
          """
          Every updates stream (and the console's live tail) sends a heartbeat (an SSE comment) this
          often, changes or not, which keeps proxies from closing it as idle and lets the server notice
          a client that left: writing to a closed connection fails, which frees the stream's slot.
          Keep it under the idle timeouts of the proxies in front (60 s for nginx's proxy_read_timeout and AWS load
          balancers) and of this server (pekko.http.server.idle-timeout, 60 s). Each heartbeat costs
          the node a write: what idle streams cost is about in proportion to their number divided by
          this interval.\
          """);

  /** {@code acta.http.drain-timeout}. */
  public static final Setting<Duration> DRAIN_TIMEOUT =
      Setting.duration(
          "drain-timeout",
          Duration.ofSeconds(3),
          """
          When the node stops (close(), SIGTERM, downing), the server stops accepting connections first,
          ends its updates streams (each response finished, its connection closed: clients reconnect
          to another node with Last-Event-ID), and gives requests in flight this long to finish before
          the node leaves the cluster. Keep it below
          pekko.coordinated-shutdown.phases.service-unbind.timeout (5 s).\
          """);

  /** {@code acta.http.management}. */
  public static final Setting<Boolean> MANAGEMENT =
      Setting.bool(
          "management",
          true,
          """
          Serve readiness and liveness (GET /ready, /alive) through Pekko Management, on its own port:
          pekko.management.http.hostname / port (127.0.0.1 in this module's reference.conf, and
          Pekko Management's 7626).\
          """);

  /** {@code acta.http.tls.enabled}. */
  public static final Setting<Boolean> TLS =
      Setting.bool(
          "tls.enabled",
          false,
          """
          On: the API speaks HTTPS only, with the certificate and key below; a plain HTTP request to its
          port fails. Off: plain HTTP, for a node behind a proxy that ends TLS, or on loopback.\
          """);

  /** {@code acta.http.tls.certificate}. */
  public static final Setting<String> TLS_CERTIFICATE =
      Setting.string(
          "tls.certificate",
          "",
          """
          The server's certificate chain, a PEM file (the server's certificate first). Read again when
          it changes (see reload-check-interval): a renewed certificate needs no restart.\
          """);

  /** {@code acta.http.tls.private-key}. */
  public static final Setting<String> TLS_PRIVATE_KEY =
      Setting.string(
          "tls.private-key",
          "",
          """
          The certificate's private key, a PEM file: PKCS#8 ("BEGIN PRIVATE KEY"), or PKCS#1 / SEC 1
          as OpenSSL writes RSA and EC keys. Unencrypted: protect it with the file's permissions.\
          """);

  /** {@code acta.http.tls.protocols}. */
  public static final Setting<List<String>> TLS_PROTOCOLS =
      Setting.stringList(
              "tls.protocols",
              List.of("TLSv1.3", "TLSv1.2"),
              """
              The TLS versions offered; older ones are refused at the handshake.\
              """)
          .requiring(
              new Constraint<>(
                  "a non-empty list of TLSv1.2 and TLSv1.3",
                  list ->
                      !list.isEmpty()
                          && list.stream()
                              .allMatch(p -> p.equals("TLSv1.2") || p.equals("TLSv1.3"))));

  /** {@code acta.http.tls.cipher-suites}. */
  public static final Setting<List<String>> TLS_CIPHER_SUITES =
      Setting.stringList(
          "tls.cipher-suites",
          List.of(
              "TLS_AES_128_GCM_SHA256",
              "TLS_AES_256_GCM_SHA384",
              "TLS_CHACHA20_POLY1305_SHA256",
              "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
              "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
              "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
              "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
              "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
              "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
          """
          The cipher suites offered: forward-secret AEAD suites only (Mozilla's "intermediate" list).\
          """);

  /** {@code acta.http.tls.reload-check-interval}. */
  public static final Setting<Duration> TLS_RELOAD_CHECK_INTERVAL =
      Setting.duration(
              "tls.reload-check-interval",
              Duration.ofSeconds(10),
              """
              How often, at most, a new connection looks at the certificate and key files' modification
              times; new connections get the new certificate once they changed.\
              """)
          .requiring(Constraint.notNegative());

  /** {@code acta.http.cors.allowed-origins}. */
  public static final Setting<List<String>> CORS_ALLOWED_ORIGINS =
      Setting.stringList(
              "cors.allowed-origins",
              List.of(),
              """
              The origins (scheme://host[:port]) whose browser pages may call the API: commands,
              queries, and live updates through EventSource. Empty: none, and no CORS header is sent, so
              browsers keep pages of other origins out; "*": any origin (with authentication on, the
              bearer token is still required).\
              """)
          .requiring(
              new Constraint<>(
                  "a list of origins such as https://app.example.com, or \"*\"",
                  list -> list.stream().allMatch(CorsPolicy::validOrigin)));

  /** {@code acta.http.cors.allowed-methods}. */
  public static final Setting<List<String>> CORS_ALLOWED_METHODS =
      Setting.stringList(
              "cors.allowed-methods",
              List.of("GET", "POST", "HEAD"),
              """
              The methods a page of an allowed origin may use (a preflight asking for another is
              refused).\
              """)
          .requiring(
              new Constraint<>(
                  "a non-empty list of HTTP methods such as GET and POST",
                  list -> !list.isEmpty() && list.stream().allMatch(CorsPolicy::validMethod)));

  /** {@code acta.http.cors.allowed-headers}. */
  public static final Setting<List<String>> CORS_ALLOWED_HEADERS =
      Setting.stringList(
          "cors.allowed-headers",
          List.of(
              "Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID", "X-Request-Id"),
          """
          The request headers a page of an allowed origin may send.\
          """);

  /** {@code acta.http.cors.exposed-headers}. */
  public static final Setting<List<String>> CORS_EXPOSED_HEADERS =
      Setting.stringList(
          "cors.exposed-headers",
          List.of("Write-Position", "X-Request-Id", "WWW-Authenticate"),
          """
          The response headers such a page may read (beside the CORS-safelisted ones).\
          """);

  /** {@code acta.http.cors.max-age}. */
  public static final Setting<Duration> CORS_MAX_AGE =
      Setting.duration(
              "cors.max-age",
              Duration.ofMinutes(30),
              """
              How long a browser may keep the answer to a preflight request.\
              """)
          .requiring(Constraint.notNegative());

  /** {@code acta.http.authentication.enabled}. */
  public static final Setting<Boolean> AUTHENTICATION =
      Setting.bool(
          "authentication.enabled",
          false,
          """
          On: every request needs a valid bearer token (a signed JWT, RFC 6750) unless the rule of its
          operation is "anyone", and every operation needs a rule (HttpApi.Builder.allow, or
          authorization.rules); a request without one is answered 401, one whose token lacks the rule's
          permission 403. Off: no token is read, every operation is open, and commands receive
          Caller.service("http") as their caller: the network is what is trusted.\
          """);

  /** {@code acta.http.authentication.jwks}. */
  public static final Setting<String> JWKS =
      Setting.string(
          "authentication.jwks",
          "",
          """
          The keys that sign tokens: an https URL or a file path of a JWKS document (RFC 7517). Empty:
          the jwks_uri of the issuer's OpenID Connect discovery document
          (<issuer>/.well-known/openid-configuration), or only the development key (dev-token-file).\
          """);

  /** {@code acta.http.authentication.issuer}. */
  public static final Setting<String> ISSUER =
      Setting.string(
          "authentication.issuer",
          "",
          """
          The issuer (iss) every token must name; required when authentication is on.\
          """);

  /** {@code acta.http.authentication.audience}. */
  public static final Setting<String> AUDIENCE =
      Setting.string(
          "authentication.audience",
          "",
          """
          An audience (aud) every token must include, naming this service; empty: not checked (the
          node warns at start, since a token meant for another service would then be taken).\
          """);

  /** {@code acta.http.authentication.algorithms}. */
  public static final Setting<List<String>> ALGORITHMS =
      Setting.stringList(
              "authentication.algorithms",
              List.of("RS256", "ES256"),
              """
              The signature algorithms accepted, of RS256/384/512, PS256/384/512, ES256/384/512 and
              EdDSA: a key pair's only, so that neither an unsigned token (alg: none) nor an HMAC token
              keyed with a public key passes.\
              """)
          .requiring(
              new Constraint<>(
                  "a non-empty list of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384,"
                      + " ES512, EdDSA",
                  list ->
                      !list.isEmpty() && list.stream().allMatch(TokenVerifier::acceptsAlgorithm)));

  /** {@code acta.http.authentication.clock-skew}. */
  public static final Setting<Duration> CLOCK_SKEW =
      Setting.duration(
              "authentication.clock-skew",
              Duration.ofSeconds(30),
              """
              How far the issuer's clock and this node's may differ: a token is taken this long after
              its expiry (exp) and before its not-before time (nbf).\
              """)
          .requiring(Constraint.notNegative());

  /** {@code acta.http.authentication.jwks-cache}. */
  public static final Setting<Duration> JWKS_CACHE =
      Setting.duration(
              "authentication.jwks-cache",
              Duration.ofMinutes(5),
              """
              How long the key set is kept before it is fetched again (ahead of time, in the background,
              so that no request waits for it).\
              """)
          .requiring(Constraint.positive());

  /** {@code acta.http.authentication.jwks-refetch-limit}. */
  public static final Setting<Duration> JWKS_REFETCH_LIMIT =
      Setting.duration(
              "authentication.jwks-refetch-limit",
              Duration.ofSeconds(15),
              """
              A token naming a key id the cached set lacks (a key rotated in) fetches the set again at
              once, but at most once per this long, so that tokens with made-up key ids cannot make the
              node hammer the issuer.\
              """)
          .requiring(Constraint.notNegative());

  /** {@code acta.http.authentication.scope-claim}. */
  public static final Setting<String> SCOPE_CLAIM =
      Setting.string(
          "authentication.scope-claim",
          "scope",
          """
          The claim holding a token's scopes: a space-separated string (OAuth 2.0) or a list.\
          """);

  /** {@code acta.http.authentication.roles-claim}. */
  public static final Setting<String> ROLES_CLAIM =
      Setting.string(
          "authentication.roles-claim",
          "roles",
          """
          The claim holding a token's roles: a list or a space-separated string.\
          """);

  /** {@code acta.http.authentication.realm}. */
  public static final Setting<String> REALM =
      Setting.string(
          "authentication.realm",
          "acta",
          """
          The realm named in WWW-Authenticate challenges.\
          """);

  /** {@code acta.http.authentication.dev-token-file}. */
  public static final Setting<String> DEV_TOKEN_FILE =
      Setting.string(
          "authentication.dev-token-file",
          "",
          """
          Development only, never in production: when set, the node makes a signing key at start,
          trusts it beside the configured keys, and writes to this file a token valid for 12 hours
          with every scope and role the access rules name (subject "developer"). A restart makes a new
          key: old tokens stop working.\
          """);

  /** {@code acta.http.authorization.rules}. */
  public static final Setting<List<String>> AUTHORIZATION_RULES =
      Setting.stringList(
              "authorization.rules",
              List.of(),
              """
              Access rules over those the code declares (HttpApi.Builder.allow), one "target = rule" per
              entry. Targets: <type>.<command>, <type>.read (state and events), <type> (every command and
              read of the type), views.<view>, metrics, admin (the console's API), openapi. Rules:
              anyone, authenticated, nobody, scope:<s>, role:<r>, claim:<name>=<value>, joined by
              "or". Built in: metrics = role:operator, admin = role:operator, openapi = anyone.\
              """)
          .requiring(
              new Constraint<>(
                  "a list of \"target = rule\" entries",
                  list -> list.stream().allMatch(AccessRules::valid)));

  /** Every setting of the HTTP API, under {@code acta.http}. */
  public static final SettingsTable SETTINGS =
      SettingsTable.of(
          "acta.http",
          HOST,
          PORT,
          MAX_BODY_SIZE,
          MAX_WAIT,
          MAX_KEY_LENGTH,
          MAX_UPDATE_STREAMS,
          UPDATES_HEARTBEAT_INTERVAL,
          DRAIN_TIMEOUT,
          MANAGEMENT,
          TLS,
          TLS_CERTIFICATE,
          TLS_PRIVATE_KEY,
          TLS_PROTOCOLS,
          TLS_CIPHER_SUITES,
          TLS_RELOAD_CHECK_INTERVAL,
          CORS_ALLOWED_ORIGINS,
          CORS_ALLOWED_METHODS,
          CORS_ALLOWED_HEADERS,
          CORS_EXPOSED_HEADERS,
          CORS_MAX_AGE,
          AUTHENTICATION,
          JWKS,
          ISSUER,
          AUDIENCE,
          ALGORITHMS,
          CLOCK_SKEW,
          JWKS_CACHE,
          JWKS_REFETCH_LIMIT,
          SCOPE_CLAIM,
          ROLES_CLAIM,
          REALM,
          DEV_TOKEN_FILE,
          AUTHORIZATION_RULES);

  /** What the builder set; these win over the node's configuration. */
  private final SettingValues fromCode;

  private final List<DeclaredRoute> declared;
  private final List<Route> raw;
  private final Map<String, Access> access;
  private final Map<String, BiPredicate<Caller, Object>> rowAccess;

  /** Set on start, cleared by stopServing, which may run on a shutdown thread. */
  private volatile ServerBinding binding;

  /** The heartbeats of the updates streams; started with the binding, stopped with it. */
  private volatile HeartbeatSweep heartbeats;

  private volatile IdleConnections serverConnections;

  /** The node's {@code acta.http} with {@link #fromCode} on top; set on start. */
  private volatile SettingValues settings;

  private PrometheusMeterRegistry prometheus;
  private Gauge updateStreams;
  private ActaNode node;
  private URI management;

  private HttpApi(
      SettingValues fromCode,
      List<DeclaredRoute> declared,
      List<Route> raw,
      Map<String, Access> access,
      Map<String, BiPredicate<Caller, Object>> rowAccess) {
    this.fromCode = fromCode;
    this.declared = declared;
    this.raw = raw;
    this.access = access;
    this.rowAccess = rowAccess;
  }

  /** A builder; what it leaves unset comes from {@code acta.http}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void start(ActaNode node) {
    this.node = node;
    SettingValues c = SettingsReader.read(node.config(), SETTINGS).withAll(fromCode);
    settings = c;
    prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    node.meters().add(prometheus);
    if (node.hasRole(NodeRole.HTTP)) {
      bind(node, c);
    } else {
      log.info(
          "HTTP API not served: this node's roles are {} (acta.node.roles); health checks still"
              + " are",
          node.roles());
    }
    if (c.get(MANAGEMENT)) {
      try {
        var uri =
            PekkoManagement.get(node.actorSystem().classicSystem())
                .start()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        management = URI.create(uri.toString());
        log.info("Health checks on {}/ready and {}/alive", management, management);
      } catch (Exception e) {
        throw new IllegalStateException(
            "cannot start Pekko Management (health checks): " + e.getMessage(), e);
      }
    }
  }

  private void bind(ActaNode node, SettingValues c) {
    String bindHost = c.get(HOST);
    int bindPort = c.get(PORT);
    heartbeats = HeartbeatSweep.start(node.actorSystem(), c.get(UPDATES_HEARTBEAT_INTERVAL));
    var routes =
        new ApiRoutes(
            node,
            projections(node),
            JsonMappers.strictInput(),
            c.get(MAX_BODY_SIZE),
            c.get(MAX_WAIT),
            Math.min(c.get(MAX_KEY_LENGTH), node.config().getInt("acta.node.max-entity-id-length")),
            c.get(MAX_UPDATE_STREAMS),
            heartbeats,
            prometheus::scrape,
            declared,
            raw,
            ApiSecurity.of(c, access, rowAccess, node.meters()),
            CorsPolicy.of(
                node.config(),
                c.get(CORS_ALLOWED_ORIGINS),
                c.get(CORS_ALLOWED_METHODS),
                c.get(CORS_ALLOWED_HEADERS),
                c.get(CORS_EXPOSED_HEADERS),
                c.get(CORS_MAX_AGE)));
    try {
      updateStreams =
          Gauge.builder("acta.http.update-streams", routes, ApiRoutes::openUpdateStreams)
              .description("Open updates streams (Server-Sent Events) on this node")
              .register(node.meters());
      // Every open updates stream holds a connection: Pekko's own limit (1024 by default) must
      // not turn streams away before max-update-streams does.
      ServerSettings settings = ServerSettings.create(node.config());
      int connections =
          Math.max(settings.getMaxConnections(), c.get(MAX_UPDATE_STREAMS) + EXTRA_CONNECTIONS);
      var server = Http.get(node.actorSystem()).newServerAt(bindHost, bindPort);
      if (c.get(TLS)) server = server.enableHttps(ConnectionContext.httpsServer(tls(c)::newEngine));
      var bound =
          IdleConnections.bind(
                  node.actorSystem(),
                  server,
                  settings.withMaxConnections(connections),
                  routes.route())
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      binding = bound.binding();
      serverConnections = bound.connections();
    } catch (Exception e) {
      heartbeats.stop();
      throw new IllegalStateException(
          "cannot listen on " + bindHost + ":" + bindPort + ": " + e.getMessage(), e);
    }
    log.info(
        "HTTP API listening on {}://{}:{}",
        c.get(TLS) ? "https" : "http",
        bindHost,
        boundAddress().getPort());
  }

  private static PemServerTls tls(SettingValues c) {
    if (c.get(TLS_CERTIFICATE).isEmpty() || c.get(TLS_PRIVATE_KEY).isEmpty())
      throw new IllegalArgumentException(
          "acta.http.tls.enabled is on: set acta.http.tls.certificate and .private-key");
    return PemServerTls.load(
        Path.of(c.get(TLS_CERTIFICATE)),
        Path.of(c.get(TLS_PRIVATE_KEY)),
        c.get(TLS_PROTOCOLS),
        c.get(TLS_CIPHER_SUITES),
        c.get(TLS_RELOAD_CHECK_INTERVAL));
  }

  /**
   * Where readiness and liveness are served ({@code /ready}, {@code /alive}), when management is
   * on.
   */
  public Optional<URI> managementUri() {
    return Optional.ofNullable(management);
  }

  private static Optional<Projections> projections(ActaNode node) {
    try {
      return Optional.of(node.extension(Projections.class));
    } catch (IllegalArgumentException none) {
      return Optional.empty();
    }
  }

  /** Where the API listens (the chosen port when configured with 0). */
  public InetSocketAddress boundAddress() {
    if (binding == null) {
      throw new IllegalStateException(
          "the HTTP API is not serving (not started, stopped, or the node lacks the http role)");
    }
    return binding.localAddress();
  }

  /**
   * Stops accepting requests and gives those in flight {@code acta.http.drain-timeout} to finish,
   * while the node is still a cluster member (so their commands still reach their entities).
   *
   * <p>Updates streams (and the console's live tails) never end by themselves, and Pekko's {@code
   * terminate} cuts a connection whose response has started: their clients would see a broken
   * response, and the node log an error for each when the actor system stops. So they are ended
   * first, each response properly finished and its connection closed by the server (their responses
   * say {@code Connection: close}); the clients reconnect, with {@code Last-Event-ID}, to a node
   * still serving.
   */
  @Override
  public void stopServing() {
    if (binding != null) {
      long deadline = System.nanoTime() + settings.get(DRAIN_TIMEOUT).toNanos();
      binding.unbind().toCompletableFuture().join();
      heartbeats.endStreams();
      boolean ended =
          serverConnections
              .streamingConnectionsClosed()
              .thenApply(closed -> true)
              .completeOnTimeout(false, deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
              .join();
      if (!ended)
        log.info("Updates streams still open after the drain timeout: their connections are cut");
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      binding.terminate(left).toCompletableFuture().join();
      binding = null;
      log.info("HTTP API stopped");
    }
  }

  @Override
  public void close() {
    stopServing();
    if (management != null) {
      PekkoManagement.get(node.actorSystem().classicSystem()).stop().toCompletableFuture().join();
      management = null;
    }
    if (updateStreams != null) {
      node.meters().remove(updateStreams);
      updateStreams = null;
    }
    if (prometheus != null) {
      node.meters().remove(prometheus);
      prometheus.close();
      prometheus = null;
    }
  }

  /**
   * Builds an {@link HttpApi}. {@link #host} and {@link #port} set the settings of the same name in
   * {@link HttpApi#SETTINGS}, over the node's configuration; the other settings come from there.
   */
  public static final class Builder {
    private SettingValues fromCode = SettingValues.empty();
    private final List<DeclaredRoute> declared = new ArrayList<>();
    private final List<Route> raw = new ArrayList<>();
    private final Map<String, Access> access = new HashMap<>(ApiSecurity.BUILT_IN_RULES);
    private final Map<String, BiPredicate<Caller, Object>> rowAccess = new HashMap<>();

    private Builder() {}

    /**
     * {@code POST path} sends {@code command} to the entity whose id is the path's one placeholder,
     * e.g. {@code command("/accounts/{id}/deposits", Account.TYPE, Deposit.class)}; the body is the
     * command as JSON and an {@code Idempotency-Key} header fills in its key.
     */
    public Builder command(String path, EntityType<?, ?, ?> type, Class<?> command) {
      declared.add(DeclaredRoute.of(path, type, command, null));
      return this;
    }

    /** {@code GET path} answers the row of {@code view} whose key is the path's one placeholder. */
    public Builder view(String path, ViewType<?> view) {
      declared.add(DeclaredRoute.of(path, null, null, view));
      return this;
    }

    /**
     * Who may send {@code type}'s commands and read its entities, when authentication is on (see
     * {@link HttpApi#AUTHENTICATION}); a rule for one command ({@link #allow(EntityType, Class,
     * Access)}) or for reads ({@link #allowReads}) wins over it. Configuration's {@code
     * authorization.rules} win over the code's.
     */
    public Builder allow(EntityType<?, ?, ?> type, Access rule) {
      access.put(type.name(), Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Who may send {@code command} to {@code type}'s entities. */
    public Builder allow(EntityType<?, ?, ?> type, Class<?> command, Access rule) {
      if (!type.classes().commands().contains(command))
        throw new IllegalArgumentException(
            command.getSimpleName() + " is not a command of entity type '" + type.name() + "'");
      access.put(
          type.name() + "." + CommandUrls.name(type, command),
          Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Who may read {@code type}'s entities: their state and their events. */
    public Builder allowReads(EntityType<?, ?, ?> type, Access rule) {
      access.put(type.name() + ".read", Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Who may read {@code view}: its rows, lists and live updates. */
    public Builder allow(ViewType<?> view, Access rule) {
      access.put("views." + view.name(), Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Which rows of {@code view} a caller allowed to read it may read, when authentication is on:
     * e.g. {@code (caller, row) -> caller.is(row.owner()) || caller.hasRole("teller")}. Other rows
     * are answered 403, left out of lists and of updates streams.
     */
    @SuppressWarnings("unchecked")
    public <V> Builder allowRows(ViewType<V> view, BiPredicate<Caller, ? super V> rule) {
      Objects.requireNonNull(rule, "rule");
      rowAccess.put(
          view.name(), (caller, row) -> ((BiPredicate<Caller, Object>) rule).test(caller, row));
      return this;
    }

    /** Who may read {@code /metrics} (built in: {@code role:operator}). */
    public Builder allowMetrics(Access rule) {
      access.put("metrics", Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Who may use the operations console's API, {@code /admin/api} (built in: {@code
     * role:operator}); the console's page itself holds no data and asks for a token.
     */
    public Builder allowAdmin(Access rule) {
      access.put("admin", Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Escape hatch: a Pekko HTTP route served beside Acta's, tried after the declared routes. */
    @EscapeHatch("routes of the service's own, in Pekko HTTP's DSL")
    public Builder route(Route route) {
      raw.add(Objects.requireNonNull(route, "route"));
      return this;
    }

    /** {@link HttpApi#HOST}; null leaves it to the configuration. */
    public Builder host(String host) {
      fromCode = host == null ? fromCode.without(HOST) : fromCode.with(HOST, host);
      return this;
    }

    /** {@link HttpApi#PORT}; 0 picks a free port. */
    public Builder port(int port) {
      fromCode = fromCode.with(PORT, port);
      return this;
    }

    /** The API, to register with {@code ActaNode.Builder.with}. */
    public HttpApi build() {
      return new HttpApi(
          fromCode,
          List.copyOf(declared),
          List.copyOf(raw),
          Map.copyOf(access),
          Map.copyOf(rowAccess));
    }
  }
}
