package io.acta.http.internal;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;
import io.acta.api.security.Access;
import io.acta.api.security.Caller;
import io.acta.api.view.Page;
import io.acta.api.view.Versioned;
import io.acta.api.view.ViewQueries;
import io.acta.api.view.ViewType;
import io.acta.http.internal.security.Security;
import io.acta.http.internal.security.Unauthenticated;
import io.acta.runtime.ActaNode;
import io.acta.runtime.JournalEvent;
import io.acta.runtime.Projections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.pekko.http.cors.javadsl.CorsDirectives;
import org.apache.pekko.http.cors.javadsl.CorsRejection;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.AttributeKey;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.Connection;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.PathMatcher1;
import org.apache.pekko.http.javadsl.server.Rejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.UnsupportedRequestContentTypeRejection;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.javadsl.JavaFlowSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic endpoints of everything a node registers:
 *
 * <pre>
 * POST /api/{type}/{id}/{command}      JSON body; Idempotency-Key header; the reply, Write-Position header
 * GET  /api/{type}/{id}                the entity's current state
 * GET  /api/{type}/{id}/events         ?from=1&amp;limit=100: its events (Cassandra store)
 * GET  /views/{view}/{key}             ?position=type|id|seq&amp;wait=2s: read your writes
 * GET  /metrics                      the node's metrics, Prometheus text format
 * GET  /views/{view}/{key}/updates     Server-Sent Events of the row's changes; Last-Event-ID resumes
 * GET  /views/{view}                   ?after=&amp;limit=&amp;by=field&amp;value=
 * </pre>
 */
public final class ApiRoutes extends AllDirectives {
  static final String REQUEST_ID = "X-Request-Id";
  private static final AttributeKey<String> REQUEST_ID_KEY =
      AttributeKey.create("acta-request-id", String.class);
  private static final AttributeKey<Caller> CALLER_KEY =
      AttributeKey.create("acta-caller", Caller.class);
  private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
  private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final ActaNode node;

  /**
   * The node's views, or null; read through {@link #queries()} since they may start after this
   * server.
   */
  private final Projections views;

  private final CommandCatalog catalog;
  private final Responses responses;
  private final ObjectMapper mapper;
  private final long maxBodyBytes;
  private final Duration maxWait;
  private final int maxKeyLength;
  private final int maxUpdateStreams;
  private final AtomicInteger openUpdateStreams = new AtomicInteger();
  private final HeartbeatSweep heartbeats;
  private final Supplier<String> metrics;
  private final List<DeclaredRoute> declared;
  private final List<Route> raw;
  private final String openApi;

  private final Security security;
  private final Optional<CorsPolicy> cors;
  private final HttpTracing tracing = new HttpTracing();

  /** The routes, built once: what differs per request is read from the request (its id too). */
  private final AdminRoutes admin;

  private final Route tree;

  public ApiRoutes(
      ActaNode node,
      Optional<Projections> views,
      ObjectMapper mapper,
      long maxBodyBytes,
      Duration maxWait,
      int maxKeyLength,
      int maxUpdateStreams,
      HeartbeatSweep heartbeats,
      Supplier<String> metrics,
      List<DeclaredRoute> declared,
      List<Route> raw,
      Security security,
      Optional<CorsPolicy> cors) {
    this.security = security;
    this.cors = cors;
    this.heartbeats = heartbeats;
    this.metrics = metrics;
    this.declared = declared;
    this.raw = raw;
    this.node = node;
    this.views = views.orElse(null);
    this.mapper = mapper;
    this.catalog =
        new CommandCatalog(
            node.entityTypes().stream()
                .<EntityType<?, ?, ?>>map(n -> node.entityType(n).orElseThrow())
                .toList(),
            mapper);
    this.responses = new Responses(mapper);
    this.maxBodyBytes = maxBodyBytes;
    this.maxWait = maxWait;
    this.maxKeyLength = maxKeyLength;
    this.maxUpdateStreams = maxUpdateStreams;
    this.openApi = OpenApiDocument.of(node, this.views, declared, mapper, security);
    this.admin =
        new AdminRoutes(
            node,
            this.views,
            mapper,
            responses,
            inner -> authorize(security.rules().admin(), "admin", inner),
            this::error,
            this::withRequestId,
            this::answer,
            heartbeats);
    this.tree = tree();
  }

  private ViewQueries queries() {
    if (views == null || !views.started())
      throw ApiError.unavailable("the views have not started yet");
    return views.queries();
  }

  /**
   * Every endpoint, each request under an id: the client's {@code X-Request-Id} when it is safe to
   * echo, a fresh one otherwise.
   */
  public Route route() {
    return tracing.traced(
        mapRequest(
            request ->
                request.addAttribute(
                    REQUEST_ID_KEY,
                    request
                        .getHeader(REQUEST_ID)
                        .map(HttpHeader::value)
                        .filter(id -> SAFE_REQUEST_ID.matcher(id).matches())
                        .orElseGet(() -> UUID.randomUUID().toString())),
            () -> tree));
  }

  /**
   * The routes, each request under the caller its credentials name: the Authorization header, or,
   * for an updates stream only, an {@code access_token} query parameter (RFC 6750, section 2.3),
   * since a browser's EventSource cannot send headers.
   */
  private Route authenticated(Route routes) {
    return extractRequest(
        request -> {
          Optional<String> authorization =
              request.getHeader("Authorization").map(HttpHeader::value);
          if (authorization.isEmpty()
              && request.method().equals(HttpMethods.GET)
              && request.getUri().path().endsWith("/updates"))
            authorization = request.getUri().query().get("access_token").map(t -> "Bearer " + t);
          Caller caller;
          try {
            caller = security.authenticator().callerOf(authorization);
          } catch (Unauthenticated e) {
            security.denied().count("any", "unauthenticated");
            return unauthenticated(e);
          }
          return mapRequest(r -> r.addAttribute(CALLER_KEY, caller), () -> routes);
        });
  }

  /** 401, with the challenge RFC 6750 asks for. */
  private Route unauthenticated(Unauthenticated e) {
    return withRequestId(
        rid ->
            complete(
                responses
                    .error(new ApiError(401, "unauthenticated", e.getMessage()), rid)
                    .addHeader(
                        RawHeader.create(
                            "WWW-Authenticate", security.authenticator().challenge(e)))));
  }

  /**
   * {@code inner} if this request's caller satisfies {@code rule}; else 401 for a request without a
   * token, 403 naming the missing permission for one whose token lacks it (counted and logged).
   */
  private Route authorize(Access rule, String target, Route inner) {
    if (!security.authenticator().enabled()) return inner;
    return attribute(
        CALLER_KEY,
        caller -> {
          if (rule.allows(caller)) return inner;
          if (caller.kind() == Caller.Kind.ANONYMOUS) {
            security.denied().count(target, "unauthenticated");
            return unauthenticated(
                new Unauthenticated(null, "this operation needs a bearer token"));
          }
          security.denied().count(target, "forbidden");
          return withRequestId(
              rid -> {
                log.info(
                    "Request {} denied: '{}' lacks {} for {}", rid, caller.name(), rule, target);
                return complete(
                    responses
                        .error(
                            new ApiError(
                                403,
                                "forbidden",
                                "missing permission: " + rule + " (" + target + ")"),
                            rid)
                        .addHeader(
                            RawHeader.create(
                                "WWW-Authenticate",
                                security.authenticator().insufficient(rule.toString()))));
              });
        });
  }

  /** The route {@code inner} gives for this request's caller. */
  private Route withCaller(Function<Caller, Route> inner) {
    return attribute(CALLER_KEY, inner);
  }

  private Route tree() {
    List<Route> all = new ArrayList<>();
    declared.forEach(d -> all.add(declaredRoute(d)));
    all.addAll(raw);
    all.add(
        path(
            "openapi.json",
            () ->
                authorize(
                    security.rules().openApi(),
                    "openapi",
                    get(
                        () ->
                            complete(
                                HttpResponse.create()
                                    .withEntity(ContentTypes.APPLICATION_JSON, openApi))))));
    all.add(
        path(
            "metrics",
            () ->
                authorize(
                    security.rules().metrics(),
                    "metrics",
                    get(
                        () ->
                            // The tree is built once: the lambda reads the metrics for each
                            // request.
                            extractRequestContext(
                                request ->
                                    complete(
                                        HttpResponse.create()
                                            .withEntity(
                                                ContentTypes.create(
                                                    MediaTypes.TEXT_PLAIN, HttpCharsets.UTF_8),
                                                metrics.get())))))));
    all.add(pathPrefix("api", this::entityRoutes));
    all.add(pathPrefix("views", this::viewRoutes));
    all.add(pathPrefix("admin", admin::route));
    Route handled =
        handleExceptions(
            ExceptionHandler.newBuilder()
                .matchAny(e -> withRequestId(rid -> complete(responses.failure(e, rid))))
                .build(),
            () ->
                handleRejections(
                    rejections(),
                    () ->
                        authenticated(
                            concat(
                                all.getFirst(),
                                all.subList(1, all.size()).toArray(Route[]::new)))));
    // CORS outermost: a preflight carries no credentials, and error answers get CORS headers too.
    return cors.isEmpty()
        ? handled
        : handleRejections(
            RejectionHandler.newBuilder()
                .handle(
                    CorsRejection.class,
                    r ->
                        error(
                            new ApiError(
                                403,
                                "forbidden",
                                "this origin, method or header may not use the API (CORS)")))
                .build(),
            () -> CorsDirectives.cors(cors.get().settings(), () -> handled));
  }

  /** The route {@code inner} gives for this request's id. */
  private Route withRequestId(Function<String, Route> inner) {
    return attribute(REQUEST_ID_KEY, inner);
  }

  /** Answers with {@code error} in the one error shape. */
  private Route error(ApiError error) {
    return withRequestId(rid -> complete(responses.error(error, rid)));
  }

  private Route entityRoutes() {
    return pathPrefix(
        segment(),
        type ->
            node.entityType(type).isEmpty()
                // Whatever the method or the rest of the path: the type is what is not there.
                ? error(
                    ApiError.notFound(
                        "unknown entity type '" + type + "'; there are " + node.entityTypes()))
                : pathPrefix(
                    segment(),
                    id ->
                        concat(
                            pathEnd(
                                () ->
                                    authorize(
                                        security.rules().read(type),
                                        type + ".read",
                                        get(
                                            () ->
                                                answer(
                                                    rid ->
                                                        node.entity(type, checkKey(id))
                                                            .state()
                                                            .thenApply(
                                                                state ->
                                                                    responses.ok(state, rid)))))),
                            path(
                                "events",
                                () ->
                                    authorize(
                                        security.rules().read(type),
                                        type + ".read",
                                        get(
                                            () ->
                                                parameterOptional(
                                                    "from",
                                                    from ->
                                                        parameterOptional(
                                                            "limit",
                                                            limit ->
                                                                answer(
                                                                    rid ->
                                                                        events(
                                                                            type,
                                                                            checkKey(id),
                                                                            QueryParameters.number(
                                                                                from,
                                                                                "from",
                                                                                1,
                                                                                1,
                                                                                Long.MAX_VALUE),
                                                                            QueryParameters.number(
                                                                                limit, "limit", 100,
                                                                                1, 1000),
                                                                            rid))))))),
                            path(
                                segment(),
                                command ->
                                    authorize(
                                        security.rules().command(type, command),
                                        type + "." + command,
                                        commandRoute(type, id, command))))));
  }

  /**
   * {@code POST}: a JSON body and an optional Idempotency-Key header, bound to {@code command}.
   * Only {@code application/json} is read: a browser's cross-site form can send text/plain or a
   * form encoding without asking, never JSON.
   */
  private Route commandRoute(String type, String id, String command) {
    return post(
        () ->
            withSizeLimit(
                maxBodyBytes,
                () ->
                    extractRequestEntity(
                        requestEntity ->
                            !isJson(requestEntity.getContentType())
                                ? error(
                                    new ApiError(
                                        415,
                                        "unsupported_media_type",
                                        "send the command as Content-Type: application/json"))
                                : optionalHeaderValueByName(
                                    "Idempotency-Key",
                                    key ->
                                        entity(
                                            Unmarshaller.entityToString(),
                                            body ->
                                                withCaller(
                                                    caller ->
                                                        answer(
                                                            rid ->
                                                                command(
                                                                    type,
                                                                    checkKey(id),
                                                                    command,
                                                                    body,
                                                                    key.map(
                                                                        IdempotencyKeyHeader
                                                                            ::parse),
                                                                    caller,
                                                                    rid))))))));
  }

  /** {@code application/json}, with a charset parameter or none; JSON has no other encoding. */
  static boolean isJson(ContentType contentType) {
    return contentType.mediaType().equals(MediaTypes.APPLICATION_JSON)
        && contentType.getCharsetOption().map(c -> c.equals(HttpCharsets.UTF_8)).orElse(true);
  }

  private CompletionStage<HttpResponse> command(
      String type,
      String id,
      String name,
      String body,
      Optional<String> key,
      Caller caller,
      String rid) {
    if (node.entityType(type).isEmpty())
      throw ApiError.notFound(
          "unknown entity type '" + type + "'; there are " + node.entityTypes());
    Object command = catalog.bind(type, name, body, key.orElse(null), caller);
    return node.entity(type, id)
        .askWithPosition((ReplyType<?>) command)
        .thenApply(
            ack ->
                responses
                    .ok(ack.reply(), rid)
                    .addHeader(RawHeader.create("Write-Position", ack.position().value())));
  }

  private CompletionStage<HttpResponse> events(
      String type, String id, long from, long limit, String rid) {
    if (node.entityType(type).isEmpty())
      throw ApiError.notFound("unknown entity type '" + type + "'");
    CompletionStage<List<JournalEvent>> read;
    try {
      read = node.events(type, id, from, (int) limit);
    } catch (IllegalStateException noQueryJournal) {
      throw ApiError.notFound("events are served from the Cassandra store only");
    }
    return read.thenApply(
        list -> {
          ArrayNode out = mapper.createArrayNode();
          for (var e : list) {
            ObjectNode n = out.addObject();
            n.put("sequenceNr", e.sequenceNr());
            n.put("type", e.typeName());
            n.put("timestamp", e.timestamp().toString());
            n.set("event", mapper.valueToTree(e.event()));
          }
          return responses.ok(out, rid);
        });
  }

  private Route viewRoutes() {
    return pathPrefix(
        segment(),
        name -> {
          ViewType<?> view;
          try {
            view = view(name);
          } catch (ApiError unknown) {
            // Whatever the method or the rest of the path: the view is what is not there.
            return error(unknown);
          }
          return authorize(
              security.rules().view(name),
              "views." + name,
              concat(
                  pathEnd(() -> get(() -> rows(view))),
                  path(
                      segment().slash("updates"),
                      key ->
                          get(
                              () ->
                                  optionalHeaderValueByName(
                                      "Last-Event-ID",
                                      lastEventId ->
                                          withCaller(
                                              caller ->
                                                  withRequestId(
                                                      rid ->
                                                          updates(
                                                              view,
                                                              key,
                                                              lastEventId,
                                                              caller,
                                                              rid)))))),
                  path(segment(), key -> get(() -> row(view, key)))));
        });
  }

  /** {@code GET /views/{view}}: a page of rows, by key or by a field's value. */
  private Route rows(ViewType<?> view) {
    return parameterOptional(
        "after",
        after ->
            parameterOptional(
                "limit",
                limit ->
                    parameterOptional(
                        "by",
                        by ->
                            parameterOptional(
                                "value",
                                value ->
                                    withCaller(
                                        caller ->
                                            answer(
                                                rid -> {
                                                  int n =
                                                      (int)
                                                          QueryParameters.number(
                                                              limit, "limit", 50, 1, 1000);
                                                  CompletionStage<? extends Page<?>> page =
                                                      by.isPresent()
                                                          ? queries()
                                                              .listBy(
                                                                  view,
                                                                  by.get(),
                                                                  value.orElseThrow(
                                                                      () ->
                                                                          ApiError.badRequest(
                                                                              "'by' needs a"
                                                                                  + " 'value'")),
                                                                  after.orElse(null),
                                                                  n)
                                                          : queries()
                                                              .list(view, after.orElse(null), n);
                                                  return page.thenApply(
                                                      p ->
                                                          responses.ok(
                                                              readable(view, p, caller), rid));
                                                }))))));
  }

  /** The rows of {@code page} {@code caller} may read; the others are left out. */
  private Page<?> readable(ViewType<?> view, Page<?> page, Caller caller) {
    if (!security.authenticator().enabled()) return page;
    List<Page.Keyed<Object>> kept = new ArrayList<>();
    for (Page.Keyed<?> r : page.rows())
      if (security.mayRead(view.name(), caller, r.row()))
        kept.add(new Page.Keyed<>(r.key(), r.row()));
    return new Page<>(kept, page.next());
  }

  /** A row's answer: 404 when there is none, 403 when {@code caller} may not read it. */
  private HttpResponse rowResponse(
      ViewType<?> view, String key, Optional<?> row, Caller caller, String rid) {
    if (row.isEmpty())
      return responses.error(
          ApiError.notFound("view '" + view.name() + "' has no row '" + key + "'"), rid);
    if (!security.mayRead(view.name(), caller, row.get())) {
      security.denied().count("views." + view.name(), "forbidden");
      return responses.error(
          new ApiError(
              403, "forbidden", "this row of view '" + view.name() + "' is not yours to read"),
          rid);
    }
    return responses.ok(row.get(), rid);
  }

  /** {@code GET /views/{view}/{key}}: the row, once the view has reached ?position if given. */
  private Route row(ViewType<?> view, String key) {
    return parameterOptional(
        "position",
        position ->
            parameterOptional(
                "wait",
                wait ->
                    withCaller(
                        caller ->
                            answer(
                                rid -> {
                                  checkKey(key);
                                  CompletionStage<? extends Optional<?>> row =
                                      position.isPresent()
                                          ? queries()
                                              .get(
                                                  view,
                                                  key,
                                                  QueryParameters.position(position.get()),
                                                  QueryParameters.waitFor(wait, maxWait))
                                          : queries().get(view, key);
                                  return row.thenApply(r -> rowResponse(view, key, r, caller, rid));
                                }))));
  }

  /**
   * A declared route: literal segments around the one placeholder, then the command or view behind
   * it.
   */
  private Route declaredRoute(DeclaredRoute d) {
    PathMatcher1<String> matcher = segment();
    for (String literal : d.suffix()) matcher = matcher.slash(literal);
    Route route =
        path(
            matcher,
            key ->
                d.isCommand()
                    ? authorize(
                        security.rules().command(d.entityType().name(), commandName(d)),
                        d.entityType().name() + "." + commandName(d),
                        commandRoute(d.entityType().name(), key, commandName(d)))
                    : authorize(
                        security.rules().view(d.view().name()),
                        "views." + d.view().name(),
                        get(
                            () ->
                                withCaller(
                                    caller ->
                                        answer(
                                            rid ->
                                                queries()
                                                    .get(d.view(), checkKey(key))
                                                    .thenApply(
                                                        r ->
                                                            rowResponse(
                                                                d.view(), key, r, caller,
                                                                rid)))))));
    for (int i = d.prefix().size() - 1; i >= 0; i--) {
      Route inner = route;
      route = pathPrefix(d.prefix().get(i), () -> inner);
    }
    return route;
  }

  private static String commandName(DeclaredRoute d) {
    return CommandCatalog.urlName(
        d.entityType().name(), d.commandClass().getAnnotation(TypeName.class).value());
  }

  /**
   * A row's changes as Server-Sent Events: id = the row's version, data = the row; resumable with
   * Last-Event-ID.
   */
  private Route updates(
      ViewType<?> view, String key, Optional<String> lastEventId, Caller caller, String rid) {
    long after;
    try {
      checkKey(key);
      after = QueryParameters.number(lastEventId, "Last-Event-ID", 0, 0, Long.MAX_VALUE);
    } catch (RuntimeException e) {
      return complete(responses.failure(e, rid));
    }
    // The cap bounds the connections and memory that subscribers hold on this node.
    if (openUpdateStreams.incrementAndGet() > maxUpdateStreams) {
      openUpdateStreams.decrementAndGet();
      return complete(
          responses.error(
              ApiError.unavailable(
                  "this node serves at most "
                      + maxUpdateStreams
                      + " update streams at once; try again later"),
              rid));
    }
    Flow.Publisher<? extends Versioned<?>> publisher;
    try {
      publisher = queries().updates(view, key, after);
    } catch (RuntimeException e) {
      openUpdateStreams.decrementAndGet();
      return complete(responses.failure(e, rid));
    }
    var events =
        JavaFlowSupport.Source.fromPublisher(publisher)
            // Changes of a row the caller may not read are not sent (ownership can change).
            .filter(v -> security.mayRead(view.name(), caller, v.row()))
            .map(
                v ->
                    ServerSentEvent.create(
                        mapper.writeValueAsString(v.row()),
                        Optional.of("row"),
                        Optional.of(Long.toString(v.version())),
                        OptionalInt.empty()))
            // A heartbeat every interval, from the node's one sweep over all streams: keepAlive
            // would check each stream for idleness eight times as often, and even a timer per
            // stream wakes the node's threads once per heartbeat.
            .merge(heartbeats.heartbeats(), true)
            // However the stream ends (the client leaves, the row's stream fails), its slot is
            // free.
            .watchTermination(
                (notUsed, done) -> {
                  done.whenComplete((d, e) -> openUpdateStreams.decrementAndGet());
                  return notUsed;
                });
    // Connection: close, so that when the node stops and ends the stream, the server closes the
    // connection after the response's last chunk (HttpApi.stopServing waits for that).
    return respondWithHeaders(
        List.of(RawHeader.create(REQUEST_ID, rid), Connection.create("close")),
        () -> completeOK(events, EventStreamMarshalling.toEventStream()));
  }

  /** How many update streams are open on this node now. */
  public int openUpdateStreams() {
    return openUpdateStreams.get();
  }

  /**
   * Runs {@code work} for this request's id, turning anything it throws, at once or later, into the
   * one error shape.
   */
  private Route answer(Function<String, CompletionStage<HttpResponse>> work) {
    return withRequestId(
        rid ->
            tracing.inTrace(
                trace -> {
                  CompletionStage<HttpResponse> response;
                  try {
                    // Started in the request's trace: the commands it sends carry it.
                    response = trace.map(t -> t.wrapFunction(work)).orElse(work).apply(rid);
                  } catch (RuntimeException e) {
                    response = CompletableFuture.failedFuture(e);
                  }
                  return completeWithFuture(response.exceptionally(e -> responses.failure(e, rid)));
                }));
  }

  private ViewType<?> view(String name) {
    if (views == null) throw ApiError.notFound("this node serves no views");
    return views.views().stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                ApiError.notFound(
                    "unknown view '"
                        + name
                        + "'; there are "
                        + views.views().stream().map(ViewType::name).toList()));
  }

  private String checkKey(String key) {
    if (key.isEmpty() || key.length() > maxKeyLength)
      throw ApiError.badRequest("ids and keys must hold 1 to " + maxKeyLength + " characters");
    return key;
  }

  private RejectionHandler rejections() {
    Function<ApiError, Route> reply = this::error;
    return RejectionHandler.newBuilder()
        .handleAll(
            MethodRejection.class,
            rs ->
                reply.apply(
                    new ApiError(
                        405,
                        "method_not_allowed",
                        "method not allowed here; use "
                            + rs.stream().map(r -> r.supported().name()).distinct().toList())))
        .handle(
            UnsupportedRequestContentTypeRejection.class,
            r -> reply.apply(new ApiError(415, "unsupported_media_type", "send application/json")))
        .handle(
            MalformedRequestContentRejection.class,
            r ->
                reply.apply(
                    r.getCause() instanceof EntityStreamSizeException
                        ? new ApiError(
                            413,
                            "too_large",
                            "the request body is larger than " + maxBodyBytes + " bytes")
                        : ApiError.badRequest("the request body could not be read")))
        .handleNotFound(reply.apply(ApiError.notFound("no such resource")))
        .handleAll(
            Rejection.class,
            rs -> reply.apply(ApiError.badRequest("the request is not understood")))
        .build();
  }
}
