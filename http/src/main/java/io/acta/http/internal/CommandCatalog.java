package io.acta.http.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.TypeName;
import io.acta.api.security.Caller;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The commands of each entity type by the name they have in URLs: the {@code @TypeName} without the
 * type's own prefix ({@code account.deposit} is {@code deposit} under {@code /api/account/...}).
 * Binds request bodies to them strictly, naming the field that is wrong.
 */
final class CommandCatalog {
  private final Map<String, Map<String, Class<?>>> commands = new HashMap<>();
  private final ObjectMapper mapper;

  CommandCatalog(Iterable<EntityType<?, ?, ?>> types, ObjectMapper mapper) {
    this.mapper = mapper;
    for (EntityType<?, ?, ?> t : types) {
      Map<String, Class<?>> byName = new HashMap<>();
      for (Class<?> c : t.classes().commands())
        byName.put(urlName(t.name(), c.getAnnotation(TypeName.class).value()), c);
      commands.put(t.name(), byName);
    }
  }

  /** The components of a command record that receive the caller. */
  static List<String> callerFields(Class<?> command) {
    if (!command.isRecord()) return List.of();
    return Arrays.stream(command.getRecordComponents())
        .filter(c -> c.getType() == Caller.class)
        .map(RecordComponent::getName)
        .toList();
  }

  static String urlName(String typeName, String commandTypeName) {
    return commandTypeName.startsWith(typeName + ".")
        ? commandTypeName.substring(typeName.length() + 1)
        : commandTypeName;
  }

  /**
   * The command {@code name} of {@code type}, read from {@code body}; an idempotency key header
   * fills in the key, and {@code caller} every component of type {@link Caller}, which the body may
   * not set.
   */
  Object bind(String type, String name, String body, String idempotencyKey, Caller caller) {
    Map<String, Class<?>> byName = commands.get(type);
    if (byName == null) throw ApiError.notFound("unknown entity type '" + type + "'");
    Class<?> commandClass = byName.get(name);
    if (commandClass == null) {
      throw new ApiError(
          404,
          "not_found",
          "entity type '"
              + type
              + "' has no command '"
              + name
              + "'; it has "
              + new TreeSet<>(byName.keySet()));
    }
    boolean idempotent = Idempotent.class.isAssignableFrom(commandClass);
    if (idempotencyKey != null && !idempotent) {
      // Dropping the key would let the client believe a retry is harmless when it is not.
      throw ApiError.badRequest(
          "command '" + name + "' is not idempotent: it takes no Idempotency-Key header");
    }
    JsonNode json;
    try {
      json = body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
    if (!(json instanceof ObjectNode object))
      throw ApiError.badRequest("the body must be a JSON object");
    if (idempotencyKey != null) {
      if (object.hasNonNull("idempotencyKey")
          && !object.get("idempotencyKey").asText().equals(idempotencyKey)) {
        throw ApiError.badRequest(
            "the Idempotency-Key header and the body's idempotencyKey differ");
      }
      object.put("idempotencyKey", idempotencyKey);
    }
    for (String field : callerFields(commandClass)) {
      if (object.has(field))
        throw ApiError.badRequest(
            "field '" + field + "' is set by the server, from the request's credentials");
      object.set(field, mapper.valueToTree(caller));
    }
    try {
      return mapper.treeToValue(object, commandClass);
    } catch (UnrecognizedPropertyException e) {
      List<String> path = path(e);
      String owner = path.size() > 1 ? "'" + join(path.subList(0, path.size() - 1)) + "'" : name;
      throw ApiError.badRequest(
          "unknown field '"
              + join(path)
              + "'; "
              + owner
              + " has "
              + new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList()));
    } catch (ValueInstantiationException e) {
      // The command's own validation (its record constructor) refused the values. Only an
      // IllegalArgumentException is such a reason meant for callers; any other failure's message
      // (a NullPointerException's, say) describes code, not the request.
      String where = path(e).isEmpty() ? "" : " (field '" + join(path(e)) + "')";
      throw new ApiError(
          422,
          "invalid",
          e.getCause() instanceof IllegalArgumentException reason
                  && Responses.safe(reason.getMessage())
              ? reason.getMessage()
              : "command '" + name + "' refuses these values" + where);
    } catch (MismatchedInputException e) {
      throw ApiError.badRequest(
          "field '" + join(path(e)) + "': expected " + expected(e.getTargetType()));
    } catch (JsonProcessingException e) {
      // Jackson's own message names Java types; say only where the body does not fit.
      throw ApiError.badRequest(
          path(e).isEmpty()
              ? "the body does not fit command '" + name + "'"
              : "field '" + join(path(e)) + "' does not fit command '" + name + "'");
    }
  }

  /**
   * A body that is not JSON, or names a field twice: where, without Jackson's message (which may
   * quote the source's Java type).
   */
  private static ApiError malformed(JsonProcessingException e) {
    String at =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    if (e instanceof JsonParseException p
        && p.getProcessor() instanceof JsonParser parser
        && p.getOriginalMessage().startsWith("Duplicate field")) {
      return ApiError.badRequest("duplicate field '" + duplicatePath(parser) + "'" + at);
    }
    return ApiError.badRequest("malformed JSON" + at);
  }

  /**
   * The path of the field the parser found twice: the names and indexes of its enclosing contexts.
   */
  private static String duplicatePath(JsonParser parser) {
    List<String> path = new ArrayList<>();
    for (JsonStreamContext c = parser.getParsingContext();
        c != null && !c.inRoot();
        c = c.getParent()) {
      if (c.inArray()) path.addFirst("[" + c.getCurrentIndex() + "]");
      else if (c.getCurrentName() != null) path.addFirst(c.getCurrentName());
    }
    return join(path);
  }

  /**
   * What a field of {@code type} takes, in JSON terms: Jackson's own message would name the Java
   * class.
   */
  static String expected(Class<?> type) {
    if (type == null) return "a value of another type";
    if (type.isEnum()) return "one of " + Arrays.toString(type.getEnumConstants());
    if (type == boolean.class || type == Boolean.class) return "true or false";
    if (type == char.class
        || type == Character.class
        || CharSequence.class.isAssignableFrom(type)
        || type == UUID.class) return "a string";
    if (type == long.class
        || type == int.class
        || type == short.class
        || type == byte.class
        || type == Long.class
        || type == Integer.class
        || type == Short.class
        || type == Byte.class
        || type == BigInteger.class) return "a whole number";
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) return "a number";
    if (TemporalAccessor.class.isAssignableFrom(type)
        || TemporalAmount.class.isAssignableFrom(type)) {
      return "an ISO-8601 string";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) return "an array";
    return "an object";
  }

  private static List<String> path(JsonProcessingException e) {
    return e instanceof JsonMappingException d
        ? d.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .toList()
        : List.of();
  }

  /** {@code amount.minorUnits}, {@code witnesses[1]}. */
  private static String join(List<String> path) {
    return String.join(".", path).replace(".[", "[");
  }
}
