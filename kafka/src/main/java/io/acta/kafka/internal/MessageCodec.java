package io.acta.kafka.internal;

import io.acta.api.entity.EntityType;
import io.acta.api.entity.TypeName;
import io.acta.api.topic.TopicMessage;
import io.acta.runtime.spi.Codec;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Public messages as JSON under their own {@code @TypeName}: the name and version travel in the
 * record's headers ({@link TopicMessage#TYPE_HEADER}, {@link TopicMessage#VERSION_HEADER}), never a
 * Java class name. Reading tolerates fields this code does not know and upcasts older versions.
 */
final class MessageCodec<M> {
  private final Class<M> messageType;
  private final Codec codec;

  MessageCodec(Class<M> messageType, List<EntityType.Upcaster> upcasters) {
    this.messageType = messageType;
    this.codec = Codec.of(List.copyOf(concreteTypes(messageType)), upcasters);
  }

  /** A message in its published form. */
  record Encoded(byte[] value, String typeName, int version) {}

  Encoded encode(Object message) {
    if (!messageType.isInstance(message))
      throw new IllegalArgumentException(
          "a " + message.getClass().getSimpleName() + " is not a " + messageType.getSimpleName());
    String manifest = codec.manifest(message);
    int at = manifest.lastIndexOf('@');
    return new Encoded(
        codec.encode(message),
        manifest.substring(0, at),
        Integer.parseInt(manifest.substring(at + 1)));
  }

  /**
   * The message in {@code value}, of the type its headers name; a record of one concrete message
   * type needs no headers (messages from systems that are not Acta).
   *
   * @throws IllegalArgumentException saying what is wrong with the message
   */
  M decode(byte[] value, Map<String, String> headers) {
    if (value == null) throw new IllegalArgumentException("the message has no value");
    String type = headers.get(TopicMessage.TYPE_HEADER);
    String manifest;
    if (type != null) {
      String version = headers.getOrDefault(TopicMessage.VERSION_HEADER, "1");
      if (!version.matches("[1-9][0-9]{0,8}"))
        throw new IllegalArgumentException("header acta-version '" + version + "' is no version");
      manifest = type + "@" + version;
    } else if (!messageType.isInterface()) {
      manifest = codec.manifestOf(messageType).orElseThrow();
    } else {
      throw new IllegalArgumentException(
          "the message has no acta-type header, and "
              + messageType.getSimpleName()
              + " has several kinds: which one is it?");
    }
    Object message = codec.decode(value, manifest);
    if (!messageType.isInstance(message))
      throw new IllegalArgumentException(
          "a message of type '" + type + "' is not one this subscription reads");
    return messageType.cast(message);
  }

  /** The records a message type stands for: itself, or every record of its sealed hierarchy. */
  static Set<Class<?>> concreteTypes(Class<?> type) {
    Set<Class<?>> out = new LinkedHashSet<>();
    List<Class<?>> todo = new ArrayList<>(List.of(type));
    while (!todo.isEmpty()) {
      Class<?> c = todo.removeLast();
      if (c.isSealed()) {
        todo.addAll(List.of(c.getPermittedSubclasses()));
      } else if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
        throw new IllegalArgumentException(
            c.getSimpleName()
                + " is not sealed: a message type is a record, or a sealed interface of records");
      } else {
        if (c.getAnnotation(TypeName.class) == null)
          throw new IllegalArgumentException(
              c.getSimpleName() + " has no @TypeName: give it the name it is published under");
        out.add(c);
      }
    }
    return out;
  }
}
