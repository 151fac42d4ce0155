package io.acta.http.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.UnaryOperator;

/** The operations console's JSON API in {@code /openapi.json}, so that scripts can use it too. */
final class AdminOpenApi {
  private AdminOpenApi() {}

  private record Endpoint(
      String path, String method, String summary, List<String> parameters, String body) {}

  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint(
              "/admin/api/cluster",
              "get",
              "Members with their roles and status, and every entity type's shards per node,"
                  + " cluster-wide",
              List.of(),
              null),
          new Endpoint(
              "/admin/api/projections",
              "get",
              "Every view, reaction and feed: lag per slice, the events they are stuck on, rebuilds"
                  + " with progress and time left",
              List.of(),
              null),
          new Endpoint(
              "/admin/api/processes",
              "get",
              "The processes this node hosts: on a step (timers due among them), and those that"
                  + " cannot progress",
              List.of(),
              null),
          new Endpoint(
              "/admin/api/rates",
              "get",
              "Commands handled on this node so far, by outcome (counters to take rates from)",
              List.of(),
              null),
          new Endpoint(
              "/admin/api/events",
              "get",
              "Events as they are persisted, cluster-wide, as Server-Sent Events (query: type, one"
                  + " or more entity types; every type when none)",
              List.of(),
              null),
          new Endpoint(
              "/admin/api/{kind}/{name}/skip",
              "post",
              "Skips the event a view, reaction or feed is stuck on (kind: views, reactions or"
                  + " feeds)",
              List.of("kind", "name"),
              "{\"persistenceId\": text, \"sequenceNr\": number}"),
          new Endpoint(
              "/admin/api/views/{name}/rebuild",
              "post",
              "Starts rebuilding a view as a new version; 202, then progress in"
                  + " /admin/api/projections",
              List.of("name"),
              "{}"),
          new Endpoint(
              "/admin/api/processes/{type}/{id}/retry",
              "post",
              "Makes a stuck process try its step again now",
              List.of("type", "id"),
              "{}"),
          new Endpoint(
              "/admin/api/processes/{type}/{id}/abandon",
              "post",
              "Gives up the ask a stuck process waits on",
              List.of("type", "id"),
              "{\"reason\": text}"));

  /** Adds the console's API to {@code paths}, each operation passed through {@code secured}. */
  static void addTo(ObjectNode paths, ObjectMapper mapper, UnaryOperator<ObjectNode> secured) {
    for (Endpoint e : ENDPOINTS) {
      ObjectNode op = mapper.createObjectNode().put("summary", e.summary());
      op.putArray("tags").add("admin");
      OpenApiDocument.pathParameters(op, e.parameters());
      if (e.body() != null)
        op.putObject("requestBody")
            .put("required", true)
            .put("description", e.body())
            .putObject("content")
            .putObject("application/json")
            .putObject("schema")
            .put("type", "object");
      ObjectNode responses = op.putObject("responses");
      responses
          .putObject(e.path().endsWith("/rebuild") ? "202" : "200")
          .put("description", "OK")
          .putObject("content")
          .putObject("application/json")
          .putObject("schema")
          .put("type", "object");
      for (String status :
          e.method().equals("post") ? List.of("400", "404", "409") : List.of("503"))
        responses
            .putObject(status)
            .put("description", "error")
            .putObject("content")
            .putObject("application/json")
            .putObject("schema")
            .put("$ref", "#/components/schemas/Error");
      ObjectNode path = (ObjectNode) paths.get(e.path());
      if (path == null) path = paths.putObject(e.path());
      path.set(e.method(), secured.apply(op));
    }
  }
}
