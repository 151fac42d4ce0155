package io.acta.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of one HOCON section, such as {@code acta.http}: the single list that a settings
 * record, its builder, {@link SettingsReader} and the {@code reference.conf} test all work from.
 *
 * @param section the section's HOCON path, e.g. {@code acta.entity-defaults}
 * @param settings its settings, keys relative to {@code section}, in {@code reference.conf} order
 */
public record SettingsTable(String section, List<Setting<?>> settings) {

  /** Checks that no key is declared twice. */
  public SettingsTable {
    Objects.requireNonNull(section, "section");
    settings = List.copyOf(settings);
    Set<String> keys = new HashSet<>();
    for (Setting<?> s : settings) {
      if (!keys.add(s.key()))
        throw new IllegalArgumentException("key " + s.key() + " is declared twice in " + section);
    }
  }

  /** A table of {@code settings} under {@code section}. */
  public static SettingsTable of(String section, Setting<?>... settings) {
    return new SettingsTable(section, List.of(settings));
  }

  /** The setting of {@code key} (relative to the section), if declared. */
  public Optional<Setting<?>> find(String key) {
    return settings.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /** The setting's key with this table's section in front: {@code acta.http.port}. */
  public String fullKey(Setting<?> setting) {
    return section + "." + setting.key();
  }

  /**
   * {@code value}, when {@code setting} allows it; errors name the key under this table's section.
   * For values given in code, which have no HOCON path of their own.
   */
  public <T> T check(Setting<T> setting, T value) {
    return setting.check(value, fullKey(setting));
  }

  /** The defaults of every setting, as values. */
  public SettingValues defaults() {
    SettingValues values = SettingValues.empty();
    for (Setting<?> s : settings) values = withDefault(values, s);
    return values;
  }

  private static <T> SettingValues withDefault(SettingValues values, Setting<T> s) {
    return values.with(s, s.defaultValue());
  }
}
