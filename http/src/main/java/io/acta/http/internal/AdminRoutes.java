package io.acta.http.internal;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acta.api.process.ProcessInFlight;
import io.acta.api.process.StuckProcess;
import io.acta.api.reaction.ReactionType;
import io.acta.api.view.ViewType;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import io.acta.runtime.spi.EventTail;
import io.acta.runtime.spi.Shards;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.pekko.NotUsed;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Connection;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations console: its page at {@code /admin} (static assets from the jar, no data in them)
 * and the JSON API behind it at {@code /admin/api}, guarded by the {@code admin} access rule. The
 * page and scripts use the API as any operator's script would.
 */
final class AdminRoutes extends AllDirectives {
  private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);
  private static final String ASSETS = "io/acta/http/admin/";
  private static final Duration SHARD_STATS_TIMEOUT = Duration.ofSeconds(3);
  private static final long MAX_BODY_BYTES = 16 * 1024;

  /** Live tails open at once per node: an operator's tool, a few browser tabs. */
  static final int MAX_TAILS = 8;

  private final ActaNode node;
  private final Projections views;
  private final ObjectMapper mapper;
  private final Responses responses;
  private final UnaryOperator<Route> operatorOnly;
  private final Function<ApiError, Route> error;
  private final Function<Function<String, Route>, Route> withRequestId;
  private final Function<Function<String, CompletionStage<HttpResponse>>, Route> answer;
  private final AdminProjections projections;
  private final AtomicInteger openTails = new AtomicInteger();
  private final HeartbeatSweep heartbeats;

  /**
   * The console on the API's own machinery, from {@link ApiRoutes}: {@code operatorOnly} applies
   * the {@code admin} access rule, {@code error} answers in the one error shape, {@code
   * withRequestId} gives the request's id, {@code answer} runs work in the request's id and trace
   * and turns its failures into that shape; live tails get their heartbeats from {@code
   * heartbeats}, which also ends them when the server stops.
   */
  AdminRoutes(
      ActaNode node,
      Projections views,
      ObjectMapper mapper,
      Responses responses,
      UnaryOperator<Route> operatorOnly,
      Function<ApiError, Route> error,
      Function<Function<String, Route>, Route> withRequestId,
      Function<Function<String, CompletionStage<HttpResponse>>, Route> answer,
      HeartbeatSweep heartbeats) {
    this.node = node;
    this.views = views;
    this.mapper = mapper;
    this.responses = responses;
    this.operatorOnly = operatorOnly;
    this.error = error;
    this.withRequestId = withRequestId;
    this.answer = answer;
    this.heartbeats = heartbeats;
    this.projections = new AdminProjections(mapper);
  }

  /** Everything under {@code /admin}. */
  Route route() {
    return concat(
        pathEndOrSingleSlash(() -> get(() -> asset("index.html", ContentTypes.TEXT_HTML_UTF8))),
        path("console.js", () -> get(() -> asset("console.js", utf8("text/javascript")))),
        path("console.css", () -> get(() -> asset("console.css", utf8("text/css")))),
        pathPrefix("api", () -> operatorOnly.apply(api())));
  }

  private Route asset(String name, ContentType type) {
    // No caching by intermediaries: the page is small, and a new version must show at once.
    return respondWithHeader(
        RawHeader.create("Cache-Control", "no-cache"), () -> getFromResource(ASSETS + name, type));
  }

  private static ContentType utf8(String mediaType) {
    return ContentTypes.parse(mediaType + "; charset=UTF-8");
  }

  private Route api() {
    return concat(
        path("cluster", () -> get(() -> answer(rid -> cluster().thenApply(json(rid))))),
        path(
            "projections",
            () ->
                get(
                    () ->
                        answer(
                            rid ->
                                done(
                                    json(rid)
                                        .apply(projections.document(views(), node.meters())))))),
        path("processes", () -> get(() -> answer(rid -> done(json(rid).apply(processes()))))),
        path("rates", () -> get(() -> answer(rid -> done(json(rid).apply(rates()))))),
        path("events", () -> get(() -> parameterList("type", this::tail))),
        pathPrefix(
            segment(),
            kind ->
                path(
                    segment().slash("skip"),
                    name -> jsonPost(body -> answer(rid -> skip(kind, name, body, rid))))),
        path(
            segment("views").slash(segment()).slash("rebuild"),
            name -> jsonPost(body -> answer(rid -> rebuild(name, rid)))),
        pathPrefix(
            "processes",
            () ->
                pathPrefix(
                    segment(),
                    type ->
                        path(
                            segment().slash(segment()),
                            (id, action) ->
                                jsonPost(
                                    body ->
                                        answer(
                                            rid -> processAction(type, id, action, body, rid)))))));
  }

  private Projections views() {
    if (views == null || !views.started())
      throw ApiError.unavailable("this node runs no views, reactions or feeds");
    return views;
  }

  /** Members as this node sees them, and every entity type's shards across the cluster. */
  private CompletionStage<ObjectNode> cluster() {
    CurrentClusterState state = Cluster.get(node.actorSystem()).state();
    ObjectNode doc = mapper.createObjectNode();
    doc.put("self", Cluster.get(node.actorSystem()).selfMember().address().toString());
    doc.put("leader", state.getLeader() == null ? null : state.getLeader().toString());
    ArrayNode members = doc.putArray("members");
    for (Member m : state.getMembers()) {
      ObjectNode member = members.addObject();
      member.put("address", m.address().toString());
      member.put("status", m.status().toString());
      member.put("reachable", !state.getUnreachable().contains(m));
      ArrayNode roles = member.putArray("roles");
      m.getRoles().stream().filter(r -> !r.startsWith("dc-")).sorted().forEach(roles::add);
    }
    ObjectNode shards = doc.putObject("shards");
    List<CompletableFuture<Void>> asks = new ArrayList<>();
    for (String type : node.entityTypes()) {
      ObjectNode perType = shards.putObject(type);
      asks.add(
          Shards.clusterShards(node, type, SHARD_STATS_TIMEOUT)
              .thenAccept(
                  regions ->
                      regions.forEach(
                          (address, byShard) -> {
                            ObjectNode region = perType.putObject(address);
                            region.put("shards", byShard.size());
                            region.put(
                                "entities",
                                byShard.values().stream().mapToInt(Integer::intValue).sum());
                          }))
              .exceptionally(
                  e -> {
                    perType.put("error", "no answer from every shard region in time");
                    return null;
                  })
              .toCompletableFuture());
    }
    // Each answer writes only its own type's node; allOf makes every write visible here.
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(done -> doc);
  }

  /**
   * Events as they are persisted anywhere in the cluster, of the types asked ({@code
   * ?type=a&type=b}, every type when none), as Server-Sent Events; a heartbeat keeps idle
   * connections open. At most {@link #MAX_TAILS} at once per node: each costs the store a poll per
   * slice.
   */
  private Route tail(List<String> types) {
    return withRequestId.apply(
        rid -> {
          Source<EventTail.LiveEvent, NotUsed> events;
          try {
            events =
                EventTail.from(node, types, Instant.now())
                    .orElseThrow(
                        () -> ApiError.notFound("this node's store cannot tail its journal"));
          } catch (IllegalArgumentException e) {
            return error.apply(ApiError.badRequest(e.getMessage()));
          } catch (ApiError e) {
            return error.apply(e);
          }
          if (openTails.incrementAndGet() > MAX_TAILS) {
            openTails.decrementAndGet();
            return error.apply(
                ApiError.unavailable(
                    "already " + MAX_TAILS + " live tails open on this node: close one"));
          }
          Source<ServerSentEvent, NotUsed> stream =
              events
                  .map(e -> ServerSentEvent.create(mapper.writeValueAsString(tailed(e)), "event"))
                  .merge(heartbeats.heartbeats(), true)
                  .watchTermination(
                      (notUsed, finished) -> {
                        finished.whenComplete((d, e) -> openTails.decrementAndGet());
                        return notUsed;
                      });
          log.info(
              "Console: live tail of {} opened (request {})",
              types.isEmpty() ? "every type" : types,
              rid);
          // Connection: close, as an updates stream's: ended at stop, its connection closes.
          return respondWithHeader(
              Connection.create("close"),
              () -> completeOK(stream, EventStreamMarshalling.toEventStream()));
        });
  }

  private ObjectNode tailed(EventTail.LiveEvent e) {
    ObjectNode n = mapper.createObjectNode();
    n.put("entityType", e.entityType());
    n.put("entityId", e.entityId());
    n.put("sequenceNr", e.sequenceNr());
    n.put("type", e.typeName());
    n.put("timestamp", e.timestamp().toString());
    n.set("event", mapper.valueToTree(e.event()));
    return n;
  }

  /** The processes this node hosts: those that cannot progress, and every one on a step. */
  private ObjectNode processes() {
    ObjectNode doc = mapper.createObjectNode();
    doc.put("node", Cluster.get(node.actorSystem()).selfMember().address().toString());
    ArrayNode inFlight = doc.putArray("inFlight");
    for (ProcessInFlight p : node.processes().inFlight()) {
      ObjectNode one = inFlight.addObject();
      one.put("processType", p.processType());
      one.put("processId", p.processId());
      one.put("step", p.step());
      one.put("since", p.since().toString());
      one.put("due", p.due() == null ? null : p.due().toString());
    }
    ArrayNode stuck = doc.putArray("stuck");
    for (StuckProcess p : node.processes().stuck()) {
      ObjectNode one = stuck.addObject();
      one.put("processType", p.processType());
      one.put("processId", p.processId());
      one.put("step", p.step());
      one.put("reason", p.reason());
      one.put("attempts", p.attempts());
      one.put("since", p.since().toString());
      one.put("retrying", p.retrying());
    }
    return doc;
  }

  /** Counters the page turns into rates: commands handled on this node, by outcome. */
  private ObjectNode rates() {
    ObjectNode doc = mapper.createObjectNode();
    doc.put("at", Instant.now().toEpochMilli());
    ObjectNode commands = doc.putObject("commands");
    for (Timer t : node.meters().find("acta.commands").timers()) {
      String outcome = Optional.ofNullable(t.getId().getTag("outcome")).orElse("all");
      commands.put(outcome, commands.path(outcome).asLong() + t.count());
    }
    return doc;
  }

  private CompletionStage<HttpResponse> skip(String kind, String name, String body, String rid) {
    JsonNode request = read(body);
    String persistenceId = text(request, "persistenceId");
    long sequenceNr = request.path("sequenceNr").asLong(0);
    if (sequenceNr <= 0)
      throw ApiError.badRequest("sequenceNr must be the positive sequence number of the event");
    Projections p = views();
    CompletionStage<Void> done =
        switch (kind) {
          case "views" -> p.operations().skip(view(name), persistenceId, sequenceNr);
          case "reactions" -> p.reactions().skip(reaction(name), persistenceId, sequenceNr);
          case "feeds" -> {
            if (p.feeds().latestStatus().stream().noneMatch(s -> s.view().equals(name)))
              throw ApiError.notFound("unknown feed '" + name + "'");
            yield p.feeds().skip(name, persistenceId, sequenceNr);
          }
          default ->
              throw ApiError.notFound(
                  "skip applies to views, reactions and feeds, not '" + kind + "'");
        };
    log.info(
        "Console: {} '{}' skips {} #{} (request {})", kind, name, persistenceId, sequenceNr, rid);
    ObjectNode answer =
        mapper
            .createObjectNode()
            .put("skipped", true)
            .put("persistenceId", persistenceId)
            .put("sequenceNr", sequenceNr);
    return done.thenApply(v -> json(rid).apply(answer));
  }

  private CompletionStage<HttpResponse> rebuild(String name, String rid) {
    ViewType<?> view = view(name);
    ObjectNode started = projections.startRebuild(view, views().operations());
    log.info("Console: rebuild of view '{}' started (request {})", name, rid);
    return done(json(rid).apply(started).withStatus(202));
  }

  private CompletionStage<HttpResponse> processAction(
      String type, String id, String action, String body, String rid) {
    JsonNode request = read(body);
    CompletionStage<Void> done =
        switch (action) {
          case "retry" -> node.processes().retry(type, id);
          case "abandon" -> node.processes().abandon(type, id, text(request, "reason"));
          default ->
              throw ApiError.notFound(
                  "a process can be retried or abandoned, not '" + action + "'");
        };
    log.info("Console: process {}|{} {} (request {})", type, id, action, rid);
    return done.thenApply(
        v ->
            json(rid)
                .apply(
                    mapper
                        .createObjectNode()
                        .put(action.equals("retry") ? "retried" : "abandoned", true)));
  }

  private ViewType<?> view(String name) {
    return views().views().stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(() -> ApiError.notFound("unknown view '" + name + "'"));
  }

  private ReactionType<?> reaction(String name) {
    return views().reactionTypes().stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> ApiError.notFound("unknown reaction '" + name + "'"));
  }

  private JsonNode read(String body) {
    if (body.isBlank()) return mapper.createObjectNode();
    try {
      JsonNode tree = mapper.readTree(body);
      if (!tree.isObject()) throw ApiError.badRequest("the body must be a JSON object");
      return tree;
    } catch (IOException e) {
      throw ApiError.badRequest("the body is not valid JSON");
    }
  }

  private static String text(JsonNode request, String field) {
    JsonNode value = request.path(field);
    if (!value.isTextual() || value.asText().isBlank())
      throw ApiError.badRequest("'" + field + "' is required (text)");
    return value.asText();
  }

  /**
   * {@code POST} with a JSON body, as commands: a cross-site form cannot send JSON without asking
   * (CORS preflight), so a page elsewhere cannot make an operator's browser skip or retry.
   */
  private Route jsonPost(Function<String, Route> inner) {
    return post(
        () ->
            withSizeLimit(
                MAX_BODY_BYTES,
                () ->
                    extractRequestEntity(
                        entity ->
                            !ApiRoutes.isJson(entity.getContentType())
                                ? error.apply(
                                    new ApiError(
                                        415,
                                        "unsupported_media_type",
                                        "send the body as Content-Type: application/json"))
                                : entity(Unmarshaller.entityToString(), inner))));
  }

  private Function<JsonNode, HttpResponse> json(String rid) {
    return doc -> responses.ok(doc, rid).addHeader(RawHeader.create("Cache-Control", "no-store"));
  }

  private static CompletionStage<HttpResponse> done(HttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  private Route answer(Function<String, CompletionStage<HttpResponse>> work) {
    return answer.apply(work);
  }
}
