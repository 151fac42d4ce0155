package io.acta.runtime.spi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

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

  /** For what clients send: an unknown field, or a null for a primitive, is an error. */
  public static ObjectMapper strictInput() {
    return base()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
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
