package io.acta.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one declaration of a setting: its key within its section (such as {@code ask-timeout} or
 * {@code idempotency.window}), its kind, its default, its documentation and what its values must
 * satisfy. A {@link SettingsTable} lists a section's settings; {@link SettingsReader} reads them
 * from HOCON and {@link ReferenceConfCheck} compares them with a module's {@code reference.conf},
 * so that the key, the default and the text are written once, here.
 *
 * <p>Declare settings with the factory for their kind, e.g. {@code Setting.integer("slices", 4,
 * "...").requiring(Constraint.between(1, 1024))}.
 *
 * @param key the HOCON path relative to the section
 * @param kind how the value is written in HOCON and which Java type holds it
 * @param defaultValue the built-in value, the one {@code reference.conf} holds
 * @param doc one paragraph, exactly the comment above the key in {@code reference.conf}
 * @param constraint what a value must satisfy
 * @param <T> the Java type of the value
 */
public record Setting<T>(
    String key, Kind kind, T defaultValue, String doc, Constraint<? super T> constraint) {

  /** How a value is written in HOCON, and the Java type that holds it. */
  public enum Kind {
    /** An int, {@link Integer}. */
    INT(Integer.class, "an integer"),
    /**
     * {@code true}/{@code false} (also {@code on}/{@code off}, {@code yes}/{@code no}), {@link
     * Boolean}.
     */
    BOOLEAN(Boolean.class, "a boolean"),
    /** A string, {@link String}. */
    STRING(String.class, "a string"),
    /** A duration such as {@code 5s} or {@code 200ms}, {@link Duration}. */
    DURATION(Duration.class, "a duration such as 5s"),
    /** A duration, or {@code "off"} which reads as {@link Duration#ZERO}. */
    DURATION_OR_OFF(Duration.class, "a duration such as 5s, or \"off\""),
    /** A memory size such as {@code 64k} or {@code 512m}, held as a {@link Long} count of bytes. */
    MEMORY_SIZE(Long.class, "a size such as 64k or 512m"),
    /** A list of strings, {@link List}. */
    STRING_LIST(List.class, "a list of strings");

    private final Class<?> javaType;
    private final String description;

    Kind(Class<?> javaType, String description) {
      this.javaType = javaType;
      this.description = description;
    }

    /** The Java type that holds values of this kind. */
    public Class<?> javaType() {
      return javaType;
    }

    /** What a value of this kind looks like, for error messages: e.g. "an integer". */
    public String description() {
      return description;
    }

    /**
     * A value as it would be written in HOCON, for messages: {@code 2m}, {@code off}, {@code 64k}.
     */
    public String format(Object value) {
      if (value == null) return "null";
      return switch (this) {
        case DURATION, DURATION_OR_OFF -> formatDuration((Duration) value, this == DURATION_OR_OFF);
        case MEMORY_SIZE -> formatBytes((Long) value);
        case STRING -> "\"" + value + "\"";
        default -> String.valueOf(value);
      };
    }

    private static String formatDuration(Duration d, boolean offIsZero) {
      if (d.isZero()) return offIsZero ? "off" : "0s";
      long nanos;
      try {
        nanos = d.toNanos();
      } catch (ArithmeticException tooLong) {
        return d.toString();
      }
      // The largest unit that represents the value exactly, as HOCON writes it.
      long[] units = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1L};
      String[] names = {"h", "m", "s", "ms", "ns"};
      for (int i = 0; i < units.length; i++) {
        if (nanos % units[i] == 0) return nanos / units[i] + names[i];
      }
      return d.toString();
    }

    private static String formatBytes(long bytes) {
      if (bytes != 0) {
        if (bytes % (1L << 30) == 0) return bytes / (1L << 30) + "g";
        if (bytes % (1L << 20) == 0) return bytes / (1L << 20) + "m";
        if (bytes % (1L << 10) == 0) return bytes / (1L << 10) + "k";
      }
      return String.format(Locale.ROOT, "%d bytes", bytes);
    }
  }

  /**
   * Checks the declaration itself: a default of the kind's type that satisfies the constraint, and
   * a doc.
   */
  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(constraint, "constraint");
    if (key.isBlank()) throw new IllegalArgumentException("a setting's key must not be blank");
    if (doc == null || doc.isBlank())
      throw new IllegalArgumentException("setting " + key + " needs a doc");
    if (!kind.javaType().isInstance(defaultValue)) {
      throw new IllegalArgumentException(
          "setting "
              + key
              + " of kind "
              + kind
              + " has a default of "
              + defaultValue.getClass().getName()
              + ", not "
              + kind.javaType().getName());
    }
    if (kind == Kind.STRING_LIST) defaultValue = castList(defaultValue);
    if (!constraint.test().test(defaultValue)) {
      throw new IllegalArgumentException(
          "setting "
              + key
              + ": the default "
              + kind.format(defaultValue)
              + " is not "
              + constraint.description());
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T castList(T list) {
    return (T) List.copyOf((List<?>) list);
  }

  /** An int setting. */
  public static Setting<Integer> integer(String key, int defaultValue, String doc) {
    return new Setting<>(key, Kind.INT, defaultValue, doc, Constraint.any());
  }

  /** A boolean setting. */
  public static Setting<Boolean> bool(String key, boolean defaultValue, String doc) {
    return new Setting<>(key, Kind.BOOLEAN, defaultValue, doc, Constraint.any());
  }

  /** A string setting. */
  public static Setting<String> string(String key, String defaultValue, String doc) {
    return new Setting<>(key, Kind.STRING, defaultValue, doc, Constraint.any());
  }

  /** A duration setting. */
  public static Setting<Duration> duration(String key, Duration defaultValue, String doc) {
    return new Setting<>(key, Kind.DURATION, defaultValue, doc, Constraint.any());
  }

  /**
   * A duration setting that may be {@code "off"}, read as {@link Duration#ZERO}; negative durations
   * are refused.
   */
  public static Setting<Duration> durationOrOff(String key, Duration defaultValue, String doc) {
    return new Setting<>(key, Kind.DURATION_OR_OFF, defaultValue, doc, Constraint.notNegative());
  }

  /** A memory size setting, in bytes. */
  public static Setting<Long> memorySize(String key, long defaultBytes, String doc) {
    return new Setting<>(key, Kind.MEMORY_SIZE, defaultBytes, doc, Constraint.any());
  }

  /** A string list setting. */
  public static Setting<List<String>> stringList(
      String key, List<String> defaultValue, String doc) {
    return new Setting<>(key, Kind.STRING_LIST, List.copyOf(defaultValue), doc, Constraint.any());
  }

  /**
   * This setting with {@code constraint} instead of its current one.
   *
   * @throws IllegalArgumentException when the default does not satisfy it
   */
  public Setting<T> requiring(Constraint<? super T> constraint) {
    return new Setting<>(key, kind, defaultValue, doc, constraint);
  }

  /**
   * {@code value} when it is allowed.
   *
   * @param fullKey the key to name in the error, e.g. {@code acta.entity-types."account".slices}
   * @throws NullPointerException when {@code value} is null
   * @throws IllegalArgumentException "{@code <fullKey> must be <constraint>, was <value>}"
   */
  public T check(T value, String fullKey) {
    Objects.requireNonNull(value, fullKey);
    if (!constraint.test().test(value)) {
      throw new IllegalArgumentException(
          fullKey + " must be " + constraint.description() + ", was " + kind.format(value));
    }
    return value;
  }
}
