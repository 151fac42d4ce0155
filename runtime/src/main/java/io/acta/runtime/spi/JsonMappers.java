package io.acta.runtime.spi;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;

/**
 * The one recipe of Acta's JSON: how records, optionals and times are written, everywhere. Two
 * variants differ only in what reading forgives: stored payloads tolerate fields this code does not
 * know (a newer node wrote them); input from clients does not (a misspelt field is an error, not
 * silently ignored).
 */
public final class JsonMappers {
  private JsonMappers() {}

  /**
   * For what the runtime stores and sends between nodes: unknown fields are passed over on read.
   */
  public static ObjectMapper storedForm() {
    return base().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  }

  /**
   * For what clients send: every value must already be of its field's JSON kind. An unknown field,
   * a field named twice, a null for a primitive, a string for a number or boolean (or the reverse),
   * a fraction for an integer and a number for an enum are errors; nothing is coerced, so a value
   * is never taken to mean something other than what the client wrote.
   */
  public static ObjectMapper strictInput() {
    JsonMapper mapper =
        base()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    // ALLOW_COERCION_OF_SCALARS covers strings into numbers and booleans; these cover the rest
    // (numbers and booleans into strings, numbers into booleans, empty strings into anything).
    for (LogicalType type :
        List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean, LogicalType.Textual)) {
      MutableCoercionConfig coercion = mapper.coercionConfigFor(type);
      for (CoercionInputShape shape :
          List.of(
              CoercionInputShape.String,
              CoercionInputShape.EmptyString,
              CoercionInputShape.Integer,
              CoercionInputShape.Float,
              CoercionInputShape.Boolean)) {
        if (!natural(type, shape)) coercion.setCoercion(shape, CoercionAction.Fail);
      }
    }
    return mapper;
  }

  /** Whether JSON of {@code shape} is a value of {@code type} as it is, without conversion. */
  private static boolean natural(LogicalType type, CoercionInputShape shape) {
    return switch (type) {
      case Integer -> shape == CoercionInputShape.Integer;
      case Float -> shape == CoercionInputShape.Integer || shape == CoercionInputShape.Float;
      case Boolean -> shape == CoercionInputShape.Boolean;
      case Textual -> shape == CoercionInputShape.String || shape == CoercionInputShape.EmptyString;
      default -> true;
    };
  }

  private static JsonMapper.Builder base() {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        // A record's data are its components; a convenience isX() method is derived, not data.
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }
}
