package io.acta.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Values given for some settings, by key: what a section of HOCON sets, or what a builder was told.
 * Immutable; {@link #with} and {@link #withAll} return new values. {@link #get} falls back to the
 * setting's default, so a builder can hold only what it was given and a reader only the keys
 * present, and {@code defaults.withAll(overrides)} is how overrides win key by key.
 */
public final class SettingValues {
  private static final SettingValues EMPTY = new SettingValues(Map.of());

  /** By key; a value may be null (a builder told null, which the record's check then refuses). */
  private final Map<String, Entry> values;

  private record Entry(Setting<?> setting, Object value) {}

  private SettingValues(Map<String, Entry> values) {
    this.values = values;
  }

  /** No values: every {@link #get} answers the default. */
  public static SettingValues empty() {
    return EMPTY;
  }

  /** These values and {@code value} for {@code setting} (replacing any it had). */
  public <T> SettingValues with(Setting<T> setting, T value) {
    Objects.requireNonNull(setting, "setting");
    if (value != null && !setting.kind().javaType().isInstance(value)) {
      // Only reachable through raw types; caught here rather than as a ClassCastException later.
      throw new IllegalArgumentException(
          setting.key()
              + " takes "
              + setting.kind().description()
              + ", not "
              + value.getClass().getName());
    }
    Map<String, Entry> copy = new LinkedHashMap<>(values);
    copy.put(setting.key(), new Entry(setting, value));
    return new SettingValues(Collections.unmodifiableMap(copy));
  }

  /** These values without any for {@code setting}, which then answers its default again. */
  public SettingValues without(Setting<?> setting) {
    if (!values.containsKey(setting.key())) return this;
    Map<String, Entry> copy = new LinkedHashMap<>(values);
    copy.remove(setting.key());
    return new SettingValues(Collections.unmodifiableMap(copy));
  }

  /** These values, with every value of {@code overrides} replacing the one here. */
  public SettingValues withAll(SettingValues overrides) {
    if (overrides.values.isEmpty()) return this;
    Map<String, Entry> copy = new LinkedHashMap<>(values);
    copy.putAll(overrides.values);
    return new SettingValues(Collections.unmodifiableMap(copy));
  }

  /** The value given for {@code setting}, else its default. */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    Entry e = values.get(setting.key());
    return e == null ? setting.defaultValue() : (T) e.value();
  }

  /** The value given for {@code setting}, if one was (empty also when it was given as null). */
  @SuppressWarnings("unchecked")
  public <T> Optional<T> find(Setting<T> setting) {
    Entry e = values.get(setting.key());
    return e == null ? Optional.empty() : Optional.ofNullable((T) e.value());
  }

  /** Whether a value was given for {@code setting}. */
  public boolean contains(Setting<?> setting) {
    return values.containsKey(setting.key());
  }

  /** The keys given a value. */
  public Set<String> keys() {
    return values.keySet();
  }

  /** Whether no value was given at all. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SettingValues other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    values.forEach(
        (key, e) -> {
          if (b.length() > 1) b.append(", ");
          b.append(key).append(" = ").append(e.setting().kind().format(e.value()));
        });
    return b.append('}').toString();
  }
}
