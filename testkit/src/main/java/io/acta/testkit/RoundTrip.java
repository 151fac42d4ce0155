package io.acta.testkit;

import io.acta.runtime.spi.Codec;
import org.opentest4j.AssertionFailedError;

/**
 * Writes a value and reads it back through the runtime's serializer, as storing or sending it
 * would: the test kits' check that every type survives storage.
 */
final class RoundTrip {
  private RoundTrip() {}

  /**
   * {@code value} after a round trip through {@code codec}; a failed test when it is not a
   * registered type, does not survive, or comes back different. {@code role} names it in the
   * message ("given event", "reply", ...).
   */
  @SuppressWarnings("unchecked")
  static <T> T of(Codec codec, T value, String role) {
    String manifest = codec.manifestOf(value.getClass()).orElse(null);
    if (manifest == null) {
      throw new AssertionFailedError(
          role
              + " "
              + value.getClass().getName()
              + " is not a registered type of this entity: it cannot be stored or sent");
    }
    Object back;
    try {
      back = codec.decode(codec.encode(value), manifest);
    } catch (RuntimeException e) {
      throw new AssertionFailedError(
          role + " " + value + " does not survive serialization: " + e.getMessage(), e);
    }
    if (!value.equals(back)) {
      throw new AssertionFailedError(
          role
              + " "
              + value.getClass().getSimpleName()
              + " is not equal to itself after serialization (is it a record of serializable"
              + " values?)",
          value,
          back);
    }
    return (T) back;
  }
}
