package io.acta.http;

import io.acta.api.EscapeHatch;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.typesafe.config.Config;
import io.acta.http.internal.ApiRoutes;
import io.acta.runtime.Projections;
import io.acta.runtime.ActaNode;
import io.acta.runtime.NodeExtension;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.Route;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.management.javadsl.PekkoManagement;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a node's entities and views over HTTP: generic endpoints for every registered entity type
 * and view (see {@link ApiRoutes}), JSON in and out, and one error shape
 * {@code {"error": {"status", "code", "message", "requestId"}}}: 400 for a malformed request (naming
 * the field), 404 for an unknown type, command or view, 405, 409 for a rejection, 413 for an oversized
 * body, 415, 422 for an invalid command, 503 when the store or the view is not there in time.
 *
 * <pre>{@code
 * ActaNode.builder("ledger").entity(Account.TYPE)
 *     .with(Projections.of(LedgerViews.BALANCES))
 *     .with(HttpApi.builder().port(8080).build())
 *     .start();
 * }</pre>
 */
public final class HttpApi implements NodeExtension {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

  private final String host;
  private final Integer port;
  private final List<io.acta.http.internal.DeclaredRoute> declared;
  private final List<Route> raw;
  /** Set on start, cleared by stopServing, which may run on a shutdown thread. */
  private volatile ServerBinding binding;
  private PrometheusMeterRegistry prometheus;
  private ActaNode node;
  private java.net.URI management;

  private HttpApi(String host, Integer port, List<io.acta.http.internal.DeclaredRoute> declared, List<Route> raw) {
    this.host = host;
    this.port = port;
    this.declared = declared;
    this.raw = raw;
  }

  /** A builder; what it leaves unset comes from {@code acta.http}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void start(ActaNode node) {
    this.node = node;
    Config c = node.config().getConfig("acta.http");
    prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    node.meters().add(prometheus);
    if (node.hasRole(io.acta.runtime.NodeRole.HTTP)) {
      bind(node, c);
    } else {
      log.info("HTTP API not served: this node's roles are {} (acta.node.roles); health checks still are", node.roles());
    }
    if (c.getBoolean("management")) {
      try {
        var uri = PekkoManagement.get(node.actorSystem().classicSystem()).start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        management = java.net.URI.create(uri.toString());
        log.info("Health checks on {}/ready and {}/alive", management, management);
      } catch (Exception e) {
        throw new IllegalStateException("cannot start Pekko Management (health checks): " + e.getMessage(), e);
      }
    }
  }

  private void bind(ActaNode node, Config c) {
    String bindHost = host != null ? host : c.getString("host");
    int bindPort = port != null ? port : c.getInt("port");
    var routes = new ApiRoutes(node, projections(node), mapper(), c.getBytes("max-body-size"), c.getDuration("max-wait"),
        Math.min(c.getInt("max-key-length"), node.config().getInt("acta.node.max-entity-id-length")),
        c.getDuration("updates-poll-interval"), prometheus::scrape, declared, raw);
    try {
      binding = Http.get(node.actorSystem()).newServerAt(bindHost, bindPort).bind(routes.route())
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot listen on " + bindHost + ":" + bindPort + ": " + e.getMessage(), e);
    }
    log.info("HTTP API listening on http://{}:{}", bindHost, boundAddress().getPort());
  }

  /** Where readiness and liveness are served ({@code /ready}, {@code /alive}), when management is on. */
  public Optional<java.net.URI> managementUri() {
    return Optional.ofNullable(management);
  }

  private static Optional<Projections> projections(ActaNode node) {
    try {
      return Optional.of(node.extension(Projections.class));
    } catch (IllegalArgumentException none) {
      return Optional.empty();
    }
  }

  /** Strict on input (an unknown field is an error, not ignored), plain on output. */
  private static ObjectMapper mapper() {
    return JsonMapper.builder()
        .addModule(new Jdk8Module()).addModule(new JavaTimeModule())
        .disable(com.fasterxml.jackson.databind.MapperFeature.AUTO_DETECT_IS_GETTERS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .build();
  }

  /** Where the API listens (the chosen port when configured with 0). */
  public InetSocketAddress boundAddress() {
    if (binding == null) {
      throw new IllegalStateException("the HTTP API is not serving (not started, stopped, or the node lacks the http role)");
    }
    return binding.localAddress();
  }

  /**
   * Stops accepting requests and gives those in flight {@code acta.http.drain-timeout} to finish, while
   * the node is still a cluster member (so their commands still reach their entities).
   */
  @Override
  public void stopServing() {
    if (binding != null) {
      Duration drain = node.config().getDuration("acta.http.drain-timeout");
      binding.terminate(drain).toCompletableFuture().join();
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
    if (prometheus != null) {
      node.meters().remove(prometheus);
      prometheus.close();
      prometheus = null;
    }
  }

  /** Builds an {@link HttpApi}; each setter mirrors a key of {@code acta.http}. */
  public static final class Builder {
    private String host;
    private Integer port;
    private final List<io.acta.http.internal.DeclaredRoute> declared = new ArrayList<>();
    private final List<Route> raw = new ArrayList<>();

    private Builder() {}

    /**
     * {@code POST path} sends {@code command} to the entity whose id is the path's one placeholder,
     * e.g. {@code command("/accounts/{id}/deposits", Account.TYPE, Deposit.class)}; the body is the
     * command as JSON and an {@code Idempotency-Key} header fills in its key.
     */
    public Builder command(String path, io.acta.api.entity.EntityType<?, ?, ?> type, Class<?> command) {
      declared.add(io.acta.http.internal.DeclaredRoute.of(path, type, command, null));
      return this;
    }

    /** {@code GET path} answers the row of {@code view} whose key is the path's one placeholder. */
    public Builder view(String path, io.acta.api.view.ViewType<?> view) {
      declared.add(io.acta.http.internal.DeclaredRoute.of(path, null, null, view));
      return this;
    }

    /** Escape hatch: a Pekko HTTP route served beside Acta's, tried after the declared routes. */
    @EscapeHatch("routes of the service's own, in Pekko HTTP's DSL")
    public Builder route(Route route) {
      raw.add(Objects.requireNonNull(route, "route"));
      return this;
    }

    /** {@code acta.http.host}. */
    public Builder host(String host) { this.host = host; return this; }

    /** {@code acta.http.port}; 0 picks a free port. */
    public Builder port(int port) { this.port = port; return this; }

    public HttpApi build() {
      return new HttpApi(host, port, List.copyOf(declared), List.copyOf(raw));
    }
  }
}
