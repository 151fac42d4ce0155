package io.acta.runtime.spi;

/** How a store writes and reads view rows: the runtime's serializer, under the rows' stored names. */
public interface RowCodec {

  /** The stored name and version of {@code row}'s type ({@code name@version}). */
  String manifest(Object row);

  /** {@code row} in its stored form. */
  byte[] encode(Object row);

  /** A row back from its stored form, upcast from older versions of its type. */
  Object decode(byte[] bytes, String manifest);
}
