package io.acta.http.internal;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;
import io.acta.api.entity.WritePosition;
import io.acta.api.view.Page;
import io.acta.api.view.ViewQueries;
import io.acta.api.view.ViewType;
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
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
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
  private final Duration pollInterval;
  private final Supplier<String> metrics;
  private final List<DeclaredRoute> declared;
  private final List<Route> raw;
  private final String openApi;

  public ApiRoutes(
      ActaNode node,
      Optional<Projections> views,
      ObjectMapper mapper,
      long maxBodyBytes,
      Duration maxWait,
      int maxKeyLength,
      Duration pollInterval,
      Supplier<String> metrics,
      List<DeclaredRoute> declared,
      List<Route> raw) {
    this.pollInterval = pollInterval;
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
    this.openApi = OpenApiDocument.of(node, this.views, declared, mapper);
  }

  private ViewQueries queries() {
    if (views == null || !views.started())
      throw ApiError.unavailable("the views have not started yet");
    return views.queries();
  }

  public Route route() {
    return optionalHeaderValueByName(
        REQUEST_ID,
        given -> {
          String requestId =
              given
                  .filter(id -> SAFE_REQUEST_ID.matcher(id).matches())
                  .orElseGet(() -> UUID.randomUUID().toString());
          return handleExceptions(
              ExceptionHandler.newBuilder()
                  .matchAny(e -> complete(responses.failure(e, requestId)))
                  .build(),
              () ->
                  handleRejections(
                      rejections(requestId),
                      () -> {
                        List<Route> all = new ArrayList<>();
                        declared.forEach(d -> all.add(declaredRoute(d, requestId)));
                        all.addAll(raw);
                        all.add(
                            path(
                                "openapi.json",
                                () ->
                                    get(
                                        () ->
                                            complete(
                                                HttpResponse.create()
                                                    .withEntity(
                                                        ContentTypes.APPLICATION_JSON, openApi)))));
                        all.add(
                            path(
                                "metrics",
                                () ->
                                    get(
                                        () ->
                                            complete(
                                                HttpResponse.create()
                                                    .withEntity(
                                                        ContentTypes.create(
                                                            MediaTypes.TEXT_PLAIN,
                                                            HttpCharsets.UTF_8),
                                                        metrics.get())))));
                        all.add(pathPrefix("api", () -> entityRoutes(requestId)));
                        all.add(pathPrefix("views", () -> viewRoutes(requestId)));
                        return concat(
                            all.getFirst(), all.subList(1, all.size()).toArray(Route[]::new));
                      }));
        });
  }

  private Route entityRoutes(String rid) {
    return pathPrefix(
        segment().slash(segment()),
        (type, id) ->
            concat(
                pathEnd(
                    () ->
                        get(
                            () ->
                                answer(
                                    rid,
                                    () ->
                                        node.entity(type, checkKey(id))
                                            .state()
                                            .thenApply(state -> responses.ok(state, rid))))),
                path(
                    "events",
                    () ->
                        get(
                            () ->
                                parameterOptional(
                                    "from",
                                    from ->
                                        parameterOptional(
                                            "limit",
                                            limit ->
                                                answer(
                                                    rid,
                                                    () ->
                                                        events(
                                                            type,
                                                            checkKey(id),
                                                            number(
                                                                from, "from", 1, 1, Long.MAX_VALUE),
                                                            number(limit, "limit", 100, 1, 1000),
                                                            rid)))))),
                path(
                    segment(),
                    command ->
                        post(
                            () ->
                                withSizeLimit(
                                    maxBodyBytes,
                                    () ->
                                        optionalHeaderValueByName(
                                            "Idempotency-Key",
                                            key ->
                                                entity(
                                                    Unmarshaller.entityToString(),
                                                    body ->
                                                        answer(
                                                            rid,
                                                            () ->
                                                                command(
                                                                    type,
                                                                    checkKey(id),
                                                                    command,
                                                                    body,
                                                                    key,
                                                                    rid)))))))));
  }

  private CompletionStage<HttpResponse> command(
      String type, String id, String name, String body, Optional<String> key, String rid) {
    if (node.entityType(type).isEmpty())
      throw ApiError.notFound(
          "unknown entity type '" + type + "'; there are " + node.entityTypes());
    Object command = catalog.bind(type, name, body, key.orElse(null));
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

  private Route viewRoutes(String rid) {
    return concat(
        path(
            segment().slash(segment()).slash("updates"),
            (name, key) ->
                get(
                    () ->
                        optionalHeaderValueByName(
                            "Last-Event-ID", lastEventId -> updates(name, key, lastEventId, rid)))),
        path(
            segment(),
            name ->
                get(
                    () ->
                        parameterOptional(
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
                                                        answer(
                                                            rid,
                                                            () -> {
                                                              ViewType<?> view = view(name);
                                                              int n =
                                                                  (int)
                                                                      number(
                                                                          limit, "limit", 50, 1,
                                                                          1000);
                                                              CompletionStage<? extends Page<?>>
                                                                  page =
                                                                      by.isPresent()
                                                                          ? queries()
                                                                              .listBy(
                                                                                  view,
                                                                                  by.get(),
                                                                                  value.orElseThrow(
                                                                                      () ->
                                                                                          ApiError
                                                                                              .badRequest(
                                                                                                  "'by' needs"
                                                                                                      + " a 'value'")),
                                                                                  after.orElse(
                                                                                      null),
                                                                                  n)
                                                                          : queries()
                                                                              .list(
                                                                                  view,
                                                                                  after.orElse(
                                                                                      null),
                                                                                  n);
                                                              return page.thenApply(
                                                                  p -> responses.ok(p, rid));
                                                            }))))))),
        path(
            segment().slash(segment()),
            (name, key) ->
                get(
                    () ->
                        parameterOptional(
                            "position",
                            position ->
                                parameterOptional(
                                    "wait",
                                    wait ->
                                        answer(
                                            rid,
                                            () -> {
                                              ViewType<?> view = view(name);
                                              checkKey(key);
                                              CompletionStage<? extends Optional<?>> row =
                                                  position.isPresent()
                                                      ? queries()
                                                          .get(
                                                              view,
                                                              key,
                                                              position(position.get()),
                                                              waitFor(wait))
                                                      : queries().get(view, key);
                                              return row.thenApply(
                                                  r ->
                                                      r.isPresent()
                                                          ? responses.ok(r.get(), rid)
                                                          : responses.error(
                                                              ApiError.notFound(
                                                                  "view '"
                                                                      + name
                                                                      + "' has no row '"
                                                                      + key
                                                                      + "'"),
                                                              rid));
                                            }))))));
  }

  /**
   * A declared route: literal segments around the one placeholder, then the command or view behind
   * it.
   */
  private Route declaredRoute(DeclaredRoute d, String rid) {
    PathMatcher1<String> matcher = segment();
    for (String literal : d.suffix()) matcher = matcher.slash(literal);
    Route route =
        path(
            matcher,
            key ->
                d.isCommand()
                    ? post(
                        () ->
                            withSizeLimit(
                                maxBodyBytes,
                                () ->
                                    optionalHeaderValueByName(
                                        "Idempotency-Key",
                                        idempotencyKey ->
                                            entity(
                                                Unmarshaller.entityToString(),
                                                body ->
                                                    answer(
                                                        rid,
                                                        () ->
                                                            command(
                                                                d.entityType().name(),
                                                                checkKey(key),
                                                                CommandCatalog.urlName(
                                                                    d.entityType().name(),
                                                                    d.commandClass()
                                                                        .getAnnotation(
                                                                            TypeName.class)
                                                                        .value()),
                                                                body,
                                                                idempotencyKey,
                                                                rid))))))
                    : get(
                        () ->
                            answer(
                                rid,
                                () ->
                                    queries()
                                        .get(d.view(), checkKey(key))
                                        .thenApply(
                                            r ->
                                                r.isPresent()
                                                    ? responses.ok(r.get(), rid)
                                                    : responses.error(
                                                        ApiError.notFound(
                                                            "view '"
                                                                + d.view().name()
                                                                + "' has no row '"
                                                                + key
                                                                + "'"),
                                                        rid)))));
    for (int i = d.prefix().size() - 1; i >= 0; i--) {
      Route inner = route;
      route = pathPrefix(d.prefix().get(i), () -> inner);
    }
    return route;
  }

  /**
   * A row's changes as Server-Sent Events: id = the row's version, data = the row; resumable with
   * Last-Event-ID.
   */
  private Route updates(String name, String key, Optional<String> lastEventId, String rid) {
    ViewType<?> view;
    long after;
    try {
      view = view(name);
      checkKey(key);
      after =
          lastEventId.isEmpty() ? 0 : number(lastEventId, "Last-Event-ID", 0, 0, Long.MAX_VALUE);
    } catch (RuntimeException e) {
      return complete(responses.failure(e, rid));
    }
    var events =
        JavaFlowSupport.Source.fromPublisher(queries().updates(view, key, after, pollInterval))
            .map(
                v ->
                    ServerSentEvent.create(
                        mapper.writeValueAsString(v.row()),
                        Optional.of("row"),
                        Optional.of(Long.toString(v.version())),
                        OptionalInt.empty()))
            .keepAlive(Duration.ofSeconds(15), ServerSentEvent::heartbeat);
    return respondWithHeader(
        RawHeader.create(REQUEST_ID, rid),
        () -> completeOK(events, EventStreamMarshalling.toEventStream()));
  }

  /** Runs {@code work}, turning anything it throws, at once or later, into the one error shape. */
  private Route answer(String rid, Supplier<CompletionStage<HttpResponse>> work) {
    CompletionStage<HttpResponse> response;
    try {
      response = work.get();
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    return completeWithFuture(response.exceptionally(e -> responses.failure(e, rid)));
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

  private static WritePosition position(String text) {
    try {
      return WritePosition.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(
          "position must be type|id|sequenceNr, as in the Write-Position header");
    }
  }

  private Duration waitFor(Optional<String> wait) {
    if (wait.isEmpty())
      return Duration.ofSeconds(2).compareTo(maxWait) < 0 ? Duration.ofSeconds(2) : maxWait;
    try {
      Duration d =
          Duration.ofMillis(
              ConfigFactory.parseString("w = " + wait.get()).getDuration("w").toMillis());
      if (d.isNegative() || d.compareTo(maxWait) > 0)
        throw ApiError.badRequest("wait must be between 0 and " + maxWait.toMillis() + "ms");
      return d;
    } catch (ConfigException e) {
      throw ApiError.badRequest("wait must be a duration such as 500ms or 2s");
    }
  }

  private static long number(
      Optional<String> text, String name, long fallback, long min, long max) {
    if (text.isEmpty()) return fallback;
    try {
      long n = Long.parseLong(text.get());
      if (n < min || n > max) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("'" + name + "' must be a whole number from " + min + " to " + max);
    }
  }

  private RejectionHandler rejections(String rid) {
    Function<ApiError, Route> reply = e -> complete(responses.error(e, rid));
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
