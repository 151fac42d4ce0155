package io.acta.runtime.spi;

import io.acta.api.entity.EntityType;
import io.acta.runtime.internal.serialization.PayloadCodec;
import io.acta.runtime.internal.serialization.TypeRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * How the runtime writes the values it stores and sends (JSON under their {@code @TypeName}, with
 * upcasting on read), for stores (view rows) and test kits (round trips), without an actor system.
 */
public interface Codec {

  /**
   * The codec of these entity types' commands, events, states and replies, and of {@code more}
   * named classes.
   */
  static Codec of(Collection<? extends EntityType<?, ?, ?>> types, Collection<Class<?>> more) {
    return new PayloadCodec(TypeRegistry.of(types, more));
  }

  /**
   * The codec of {@code classes} alone (messages that are not any entity's), each named with its
   * {@code @TypeName}, older versions upcast by {@code upcasters}.
   */
  static Codec of(Collection<Class<?>> classes, List<EntityType.Upcaster> upcasters) {
    return new PayloadCodec(TypeRegistry.of(List.of(), classes, upcasters));
  }

  /**
   * The stored name and version of {@code type} ({@code name@version}); empty when it is not
   * registered.
   */
  Optional<String> manifestOf(Class<?> type);

  /**
   * The stored name and version of {@code value}'s type; fails naming the class when it is not
   * registered.
   */
  String manifest(Object value);

  /** {@code value} in its stored form. */
  byte[] encode(Object value);

  /** A value back from its stored form, upcast from older versions of its type. */
  Object decode(byte[] bytes, String manifest);
}
