package io.acta.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.TypeName;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

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

  static String urlName(String typeName, String commandTypeName) {
    return commandTypeName.startsWith(typeName + ".")
        ? commandTypeName.substring(typeName.length() + 1)
        : commandTypeName;
  }

  /**
   * The command {@code name} of {@code type}, read from {@code body}; an idempotency key header
   * fills in the key.
   */
  Object bind(String type, String name, String body, String idempotencyKey) {
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
    JsonNode json;
    try {
      json = body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("malformed JSON: " + e.getOriginalMessage());
    }
    if (!(json instanceof ObjectNode object))
      throw ApiError.badRequest("the body must be a JSON object");
    if (idempotencyKey != null && Idempotent.class.isAssignableFrom(commandClass)) {
      if (object.hasNonNull("idempotencyKey")
          && !object.get("idempotencyKey").asText().equals(idempotencyKey)) {
        throw ApiError.badRequest(
            "the Idempotency-Key header and the body's idempotencyKey differ");
      }
      object.put("idempotencyKey", idempotencyKey);
    }
    try {
      return mapper.treeToValue(object, commandClass);
    } catch (UnrecognizedPropertyException e) {
      throw ApiError.badRequest(
          "unknown field '"
              + e.getPropertyName()
              + "'; "
              + name
              + " has "
              + e.getKnownPropertyIds());
    } catch (ValueInstantiationException e) {
      // The command's own validation (its record constructor) refused the values.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ApiError(422, "invalid", cause.getMessage());
    } catch (MismatchedInputException e) {
      throw ApiError.badRequest("field '" + path(e) + "': expected " + expected(e.getTargetType()));
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("invalid " + name + ": " + e.getOriginalMessage());
    }
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
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) return "a number";
    if (TemporalAccessor.class.isAssignableFrom(type)
        || TemporalAmount.class.isAssignableFrom(type)) {
      return "an ISO-8601 string";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) return "an array";
    return "an object";
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
