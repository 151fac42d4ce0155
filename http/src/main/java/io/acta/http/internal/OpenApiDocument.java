package io.acta.http.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acta.api.entity.EntitySettings;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.TypeName;
import io.acta.api.security.Access;
import io.acta.api.security.Caller;
import io.acta.api.view.ViewType;
import io.acta.http.internal.security.Security;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The OpenAPI 3 document of what a node serves ({@code GET /openapi.json}): the generic endpoints
 * of each registered entity type, command and view, the declared routes, with schemas made from the
 * records themselves. Written once, at start.
 */
final class OpenApiDocument {
  private final ObjectMapper mapper;
  private final ObjectNode schemas;
  private final Security security;

  private OpenApiDocument(ObjectMapper mapper, Security security) {
    this.mapper = mapper;
    this.schemas = mapper.createObjectNode();
    this.security = security;
  }

  static String of(
      ActaNode node,
      Projections views,
      List<DeclaredRoute> declared,
      ObjectMapper mapper,
      Security security) {
    return new OpenApiDocument(mapper, security).build(node, views, declared);
  }

  /**
   * With authentication on: the bearer scheme the operation needs (none for a rule that lets anyone
   * in), the rule itself ({@code x-acta-access}), and the 401 and 403 it can answer.
   */
  private ObjectNode secured(ObjectNode op, Access rule) {
    if (!security.authenticator().enabled()) return op;
    op.put("x-acta-access", rule.toString());
    var requirements = op.putArray("security");
    if (rule instanceof Access.Anyone) {
      requirements.addObject();
      return op;
    }
    requirements.addObject().putArray("bearer");
    ObjectNode responses = (ObjectNode) op.get("responses");
    for (String status : List.of("401", "403"))
      responses
          .putObject(status)
          .put("description", status.equals("401") ? "no valid bearer token" : "not allowed")
          .putObject("content")
          .putObject("application/json")
          .putObject("schema")
          .put("$ref", "#/components/schemas/Error");
    return op;
  }

  private String build(ActaNode node, Projections views, List<DeclaredRoute> declared) {
    ObjectNode doc = mapper.createObjectNode().put("openapi", "3.0.3");
    doc.putObject("info")
        .put("title", "Acta node " + node.actorSystem().name())
        .put("version", "1");
    ObjectNode paths = doc.putObject("paths");
    schemas.set("Error", errorSchema());
    for (String typeName : node.entityTypes()) {
      EntityType<?, ?, ?> type = node.entityType(typeName).orElseThrow();
      String base = "/api/" + typeName + "/{id}";
      paths
          .putObject(base)
          .set(
              "get",
              secured(
                  operation(
                      "The current state of a " + typeName,
                      type.classes().stateType(),
                      false,
                      "id"),
                  security.rules().read(typeName)));
      paths
          .putObject(base + "/events")
          .set(
              "get",
              secured(
                  operation("The events of a " + typeName + " (?from, ?limit)", null, false, "id"),
                  security.rules().read(typeName)));
      for (Class<?> command : type.classes().commands()) {
        String name =
            CommandCatalog.urlName(typeName, command.getAnnotation(TypeName.class).value());
        ObjectNode op =
            operation(
                "Sends " + name + " to a " + typeName,
                type.classes().replyTypes().get(command),
                true,
                "id");
        idempotencyKey(op, node, typeName, command);
        secured(op, security.rules().command(typeName, name));
        op.putObject("requestBody")
            .put("required", true)
            .putObject("content")
            .putObject("application/json")
            .set("schema", schema(command));
        paths.putObject(base + "/" + name).set("post", op);
      }
    }
    if (views != null) {
      for (ViewType<?> view : views.views()) {
        String name = view.name();
        paths
            .putObject("/views/" + name + "/{key}")
            .set(
                "get",
                secured(
                    operation(
                        "A row of view " + name + " (?position, ?wait: read your writes)",
                        view.rowType(),
                        false,
                        "key"),
                    security.rules().view(name)));
        paths
            .putObject("/views/" + name)
            .set(
                "get",
                secured(
                    operation(
                        "Rows of view " + name + " (?after, ?limit, ?by, ?value)", null, false),
                    security.rules().view(name)));
        paths
            .putObject("/views/" + name + "/{key}/updates")
            .set(
                "get",
                secured(
                    operation(
                        "A row's changes as Server-Sent Events (Last-Event-ID resumes)",
                        null,
                        false,
                        "key"),
                    security.rules().view(name)));
      }
    }
    for (DeclaredRoute d : declared) {
      String placeholder = d.template().replaceAll(".*\\{([^}]*)}.*", "$1");
      if (d.isCommand()) {
        ObjectNode op =
            operation(
                "Sends " + d.commandClass().getSimpleName() + " to a " + d.entityType().name(),
                d.entityType().classes().replyTypes().get(d.commandClass()),
                true,
                placeholder);
        idempotencyKey(op, node, d.entityType().name(), d.commandClass());
        secured(
            op,
            security
                .rules()
                .command(
                    d.entityType().name(),
                    CommandCatalog.urlName(
                        d.entityType().name(),
                        d.commandClass().getAnnotation(TypeName.class).value())));
        op.putObject("requestBody")
            .put("required", true)
            .putObject("content")
            .putObject("application/json")
            .set("schema", schema(d.commandClass()));
        paths.putObject(d.template()).set("post", op);
      } else {
        paths
            .putObject(d.template())
            .set(
                "get",
                secured(
                    operation(
                        "A row of view " + d.view().name(), d.view().rowType(), false, placeholder),
                    security.rules().view(d.view().name())));
      }
    }
    paths
        .putObject("/metrics")
        .putObject("get")
        .put("summary", "Metrics, Prometheus text format")
        .putObject("responses")
        .putObject("200")
        .put("description", "metrics");
    if (security.authenticator().enabled())
      secured((ObjectNode) paths.get("/metrics").get("get"), security.rules().metrics());
    AdminOpenApi.addTo(paths, mapper, op -> secured(op, security.rules().admin()));
    ObjectNode components = doc.putObject("components");
    components.set("schemas", schemas);
    if (security.authenticator().enabled())
      components
          .putObject("securitySchemes")
          .putObject("bearer")
          .put("type", "http")
          .put("scheme", "bearer")
          .put("bearerFormat", "JWT");
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Declares {@code names} as the operation's required path parameters, all text. */
  static void pathParameters(ObjectNode op, List<String> names) {
    var params = op.putArray("parameters");
    for (String p : names)
      params
          .addObject()
          .put("name", p)
          .put("in", "path")
          .put("required", true)
          .putObject("schema")
          .put("type", "string");
  }

  private ObjectNode operation(
      String summary, Class<?> reply, boolean command, String... pathParameters) {
    ObjectNode op = mapper.createObjectNode().put("summary", summary);
    pathParameters(op, List.of(pathParameters));
    ObjectNode responses = op.putObject("responses");
    ObjectNode ok = responses.putObject("200").put("description", "OK");
    if (reply != null)
      ok.putObject("content").putObject("application/json").set("schema", schema(reply));
    List<String> errors =
        command
            ? List.of("400", "404", "409", "413", "415", "422", "503")
            : List.of("400", "404", "503");
    for (String status : errors) {
      responses
          .putObject(status)
          .put("description", "error")
          .putObject("content")
          .putObject("application/json")
          .putObject("schema")
          .put("$ref", "#/components/schemas/Error");
    }
    return op;
  }

  /**
   * The Idempotency-Key header of a command that implements Idempotent, with the expiry policy of
   * its type; other commands refuse the header, so it is not listed for them.
   */
  private void idempotencyKey(ObjectNode op, ActaNode node, String typeName, Class<?> command) {
    if (!Idempotent.class.isAssignableFrom(command)) return;
    EntitySettings settings = node.entitySettings(typeName).orElseThrow();
    ObjectNode header =
        ((ArrayNode) op.get("parameters"))
            .addObject()
            .put("name", "Idempotency-Key")
            .put("in", "header")
            .put("required", false)
            .put(
                "description",
                "A key naming this one operation (draft-ietf-httpapi-idempotency-key-header): a"
                    + " quoted string of 1 to "
                    + IdempotencyKeyHeader.MAX_LENGTH
                    + " printable ASCII characters (a bare token is taken as the same key). A"
                    + " repeat of an accepted key within "
                    + words(settings.idempotencyWindow())
                    + " of its first use (the type's idempotency window,"
                    + " acta.entity-defaults.idempotency.window) gets the original reply and"
                    + " changes nothing, however many other keys came since; after the window the"
                    + " key is new again. A retry sent while the first request is still in flight"
                    + " waits for it and gets its reply (never a second application, never 409)."
                    + " The same key with a different body is refused with 422; a rejected"
                    + " command is not remembered, so a corrected retry may reuse its key.");
    header
        .putObject("schema")
        .put("type", "string")
        .put("maxLength", IdempotencyKeyHeader.MAX_LENGTH);
  }

  /** {@code 24 h}, {@code 90 min}, {@code 30 s}, {@code 1500 ms}: the window as people read it. */
  static String words(Duration d) {
    if (d.toMillis() % 3_600_000 == 0) return d.toHours() + " h";
    if (d.toMillis() % 60_000 == 0) return d.toMinutes() + " min";
    if (d.toMillis() % 1000 == 0) return d.toSeconds() + " s";
    return d.toMillis() + " ms";
  }

  private ObjectNode errorSchema() {
    ObjectNode error = mapper.createObjectNode().put("type", "object");
    ObjectNode fields =
        error
            .putObject("properties")
            .putObject("error")
            .put("type", "object")
            .putObject("properties");
    fields.putObject("status").put("type", "integer");
    fields.putObject("code").put("type", "string");
    fields.putObject("message").put("type", "string");
    fields.putObject("requestId").put("type", "string");
    return error;
  }

  /** A JSON schema for a Java type: records become components, referenced by their stored name. */
  private ObjectNode schema(Type type) {
    Class<?> c = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    ObjectNode s = mapper.createObjectNode();
    if (c == String.class || c == Instant.class || c == UUID.class) return s.put("type", "string");
    if (c == long.class
        || c == Long.class
        || c == int.class
        || c == Integer.class
        || c == BigInteger.class) return s.put("type", "integer");
    if (c == double.class || c == Double.class || c == float.class || c == BigDecimal.class)
      return s.put("type", "number");
    if (c == boolean.class || c == Boolean.class) return s.put("type", "boolean");
    if (c.isEnum()) {
      s.put("type", "string");
      var values = s.putArray("enum");
      for (Object constant : c.getEnumConstants()) values.add(constant.toString());
      return s;
    }
    if (Collection.class.isAssignableFrom(c)) {
      s.put("type", "array");
      s.set(
          "items",
          type instanceof ParameterizedType p
              ? schema(p.getActualTypeArguments()[0])
              : mapper.createObjectNode());
      return s;
    }
    if (Map.class.isAssignableFrom(c)) return s.put("type", "object");
    if (c.isRecord()) {
      TypeName named = c.getAnnotation(TypeName.class);
      String name = named != null ? named.value() : c.getSimpleName();
      if (!schemas.has(name)) {
        ObjectNode record = mapper.createObjectNode().put("type", "object");
        schemas.set(
            name, record); // before the components: a record that refers to itself terminates
        ObjectNode properties = record.putObject("properties");
        var required = record.putArray("required");
        for (RecordComponent rc : c.getRecordComponents()) {
          // The server fills in the caller; a body may not.
          if (rc.getType() == Caller.class) continue;
          properties.set(rc.getName(), schema(rc.getGenericType()));
          if (rc.getType().isPrimitive()) required.add(rc.getName());
        }
      }
      return s.put("$ref", "#/components/schemas/" + name);
    }
    return s.put("type", "object");
  }
}
