package io.acta.runtime.spi;

/**
 * Which version of a view serves reads and which is being rebuilt.
 *
 * @param serving the version reads come from, from 1
 * @param building the version a rebuild is writing; 0 when no rebuild runs
 */
public record ViewVersions(int serving, int building) {

  /** A view that has never been rebuilt. */
  public static final ViewVersions FIRST = new ViewVersions(1, 0);

  /** The stored name of a version's rows, keys, index and progress: {@code name@version}. */
  public static String storage(String view, int version) {
    return view + "@" + version;
  }
}
