package io.acta.runtime.spi;

/**
 * Which slice an entity's events belong to. {@link String#hashCode()} is specified by the Java
 * language, so every node and every version computes the same slice for the same id.
 */
public final class Slices {
  private Slices() {}

  /** The slice of {@code entityId}, from 0 to {@code slices - 1}. */
  public static int of(String entityId, int slices) {
    return Math.floorMod(entityId.hashCode(), slices);
  }

  /** The events-by-tag tag of an entity's events: {@code <type>-<slice>}. */
  public static String tag(String typeName, String entityId, int slices) {
    return typeName + "-" + of(entityId, slices);
  }

  /** The tag of one slice of a type. */
  public static String tag(String typeName, int slice) {
    return typeName + "-" + slice;
  }
}
