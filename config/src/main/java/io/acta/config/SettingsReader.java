package io.acta.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads a section of a Typesafe {@link Config} through a {@link SettingsTable}: each declared key
 * that is present, as a value of its kind, checked against its constraint. Errors are {@link
 * IllegalArgumentException}s that name the full HOCON path, such as {@code
 * acta.entity-types."account".slices must be between 1 and 1024, was 0}. Keys the table does not
 * declare are left alone.
 *
 * <p>Only the keys present are returned, so a result can override other values key by key: {@code
 * fromCode.withAll(read(config, "acta.entity-types.\"account\"", table))}.
 */
public final class SettingsReader {
  private SettingsReader() {}

  /** The values present under the table's own section of {@code config}. */
  public static SettingValues read(Config config, SettingsTable table) {
    return read(config, table.section(), table);
  }

  /**
   * The values present under {@code path} of {@code config}, read as {@code table} declares; empty
   * when {@code path} is absent.
   *
   * @param path a HOCON path expression, quoted where needed, e.g. {@code acta.entity-types."a.b"}
   * @throws IllegalArgumentException when a value is of the wrong kind or not allowed
   */
  public static SettingValues read(Config config, String path, SettingsTable table) {
    Objects.requireNonNull(config, "config");
    SettingValues values = SettingValues.empty();
    if (!has(config, path)) return values;
    ConfigValue section = config.getValue(path);
    if (section.valueType() != ConfigValueType.OBJECT) {
      throw new IllegalArgumentException(
          path
              + " must be a section of settings ({ ... }), was "
              + section.valueType().name().toLowerCase(Locale.ROOT)
              + " "
              + section.render());
    }
    for (Setting<?> setting : table.settings())
      values = readInto(values, config, path + "." + setting.key(), setting);
    return values;
  }

  private static <T> SettingValues readInto(
      SettingValues values, Config config, String fullKey, Setting<T> setting) {
    if (!has(config, fullKey)) return values;
    T value;
    try {
      value = value(config, fullKey, setting);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(
          fullKey + " must be " + setting.kind().description() + " (" + e.getMessage() + ")", e);
    }
    return values.with(setting, setting.check(value, fullKey));
  }

  @SuppressWarnings("unchecked")
  private static <T> T value(Config c, String path, Setting<T> setting) {
    Object value =
        switch (setting.kind()) {
          case INT -> c.getInt(path);
          case BOOLEAN -> c.getBoolean(path);
          case STRING -> c.getString(path);
          case DURATION -> c.getDuration(path);
          case DURATION_OR_OFF ->
              "off".equals(c.getValue(path).unwrapped()) ? Duration.ZERO : c.getDuration(path);
          case MEMORY_SIZE -> c.getBytes(path);
          case STRING_LIST -> List.copyOf(c.getStringList(path));
        };
    return (T) value;
  }

  /**
   * {@code hasPath}, with a path that runs through a non-object (e.g. {@code a = 1} for {@code
   * a.b}) reported by name.
   */
  private static boolean has(Config config, String path) {
    try {
      return config.hasPath(path);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(path + " cannot be read: " + e.getMessage(), e);
    }
  }
}
