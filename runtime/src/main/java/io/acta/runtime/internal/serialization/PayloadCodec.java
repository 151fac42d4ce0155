package io.acta.runtime.internal.serialization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acta.runtime.spi.Codec;
import io.acta.runtime.spi.JsonMappers;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes user payloads as JSON under their registered names, upcasting old versions on
 * read.
 *
 * <p>Reading is tolerant: fields the class does not know are ignored (and, for states, kept aside
 * by the snapshot so that they are written back; see {@link EntitySnapshotCodec}).
 */
public final class PayloadCodec implements Codec {
  private final TypeRegistry registry;
  private final ObjectMapper mapper;

  public PayloadCodec(TypeRegistry registry) {
    this.registry = registry;
    this.mapper = JsonMappers.storedForm();
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public TypeRegistry registry() {
    return registry;
  }

  /** The registry entry of a value's class; fails with the class name when it is not registered. */
  public TypeRegistry.Entry entryOf(Object value) {
    TypeRegistry.Entry e = registry.forClass(value.getClass());
    if (e == null) {
      throw new IllegalArgumentException(
          value.getClass().getName()
              + " is not a registered command, event, reply or state type of any entity type on"
              + " this node");
    }
    return e;
  }

  public byte[] toBytes(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot serialize " + value.getClass().getName() + ": " + e.getOriginalMessage(), e);
    }
  }

  public JsonNode toTree(Object value) {
    return mapper.valueToTree(value);
  }

  /**
   * Reads a payload stored under {@code manifest} ({@code name@version}): one of the current
   * version straight from its bytes, an older one as a tree through its upcasters. (Reading every
   * payload as a tree first cost a catch-up about a twentieth of the node's CPU: BENCHMARKS.md,
   * fourteenth step.)
   */
  public Object fromBytes(byte[] bytes, String manifest) {
    TypeRegistry.Entry entry = entryFor(manifest);
    try {
      if (versionOf(manifest) >= entry.version()) return mapper.readValue(bytes, entry.type());
      return fromTree(mapper.readTree(bytes), manifest);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read payload " + manifest + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a payload tree stored under {@code manifest}, upcasting it to the current version first.
   */
  public Object fromTree(JsonNode tree, String manifest) {
    TypeRegistry.Entry entry = entryFor(manifest);
    JsonNode current = upcast(tree, entry, versionOf(manifest));
    try {
      return mapper.treeToValue(current, entry.type());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot read "
              + manifest
              + " as "
              + entry.type().getName()
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * A value as {@code {"type": manifest, "data": …}}, for payloads nested in the runtime's own
   * records.
   */
  public ObjectNode typed(Object value) {
    ObjectNode n = mapper.createObjectNode();
    n.put("type", entryOf(value).manifest());
    n.set("data", toTree(value));
    return n;
  }

  /** The inverse of {@link #typed}. */
  public Object fromTyped(JsonNode node) {
    return fromTree(node.get("data"), node.get("type").asText());
  }

  /** Fields of {@code stored} that are absent from {@code known}: what a newer writer added. */
  public static ObjectNode unknownFields(JsonNode stored, JsonNode known, ObjectMapper mapper) {
    ObjectNode extra = mapper.createObjectNode();
    if (stored instanceof ObjectNode s && known instanceof ObjectNode k) {
      for (Map.Entry<String, JsonNode> f : s.properties()) {
        if (!k.has(f.getKey())) extra.set(f.getKey(), f.getValue());
      }
    }
    return extra;
  }

  TypeRegistry.Entry entryFor(String manifest) {
    int at = manifest.lastIndexOf('@');
    String name = at < 0 ? manifest : manifest.substring(0, at);
    TypeRegistry.Entry entry = registry.forName(name);
    if (entry == null) {
      throw new IllegalArgumentException(
          "no type is registered under the stored name \""
              + name
              + "\"; register the entity type that owns it, or an upcaster if it was renamed");
    }
    return entry;
  }

  private static int versionOf(String manifest) {
    int at = manifest.lastIndexOf('@');
    return at < 0 ? 1 : Integer.parseInt(manifest.substring(at + 1));
  }

  @SuppressWarnings("unchecked")
  private JsonNode upcast(JsonNode tree, TypeRegistry.Entry entry, int storedVersion) {
    if (storedVersion >= entry.version()) return tree;
    Map<String, Object> json = mapper.convertValue(tree, Map.class);
    for (int v = storedVersion; v < entry.version(); v++) {
      var step = registry.upcaster(entry.name(), v);
      if (step == null) {
        throw new IllegalArgumentException(
            "\""
                + entry.name()
                + "\" is stored at version "
                + v
                + " but the code reads version "
                + entry.version()
                + " and there is no upcaster from "
                + v
                + " to "
                + (v + 1));
      }
      json = step.apply(json);
    }
    return mapper.valueToTree(json);
  }

  @Override
  public Optional<String> manifestOf(Class<?> type) {
    return Optional.ofNullable(registry.forClass(type)).map(TypeRegistry.Entry::manifest);
  }

  @Override
  public String manifest(Object row) {
    return entryOf(row).manifest();
  }

  @Override
  public byte[] encode(Object row) {
    return toBytes(row);
  }

  @Override
  public Object decode(byte[] bytes, String manifest) {
    return fromBytes(bytes, manifest);
  }
}
