package io.acta.runtime.internal;

import com.typesafe.config.Config;
import io.acta.api.entity.EntitySettings;
import io.acta.api.entity.EntityType;
import io.acta.config.SettingValues;
import io.acta.config.SettingsReader;

/**
 * Reads {@link EntitySettings} from HOCON. Lives in the runtime so that the api module, which
 * declares the settings, never exposes a Typesafe Config type.
 */
public final class EntitySettingsReader {
  private EntitySettingsReader() {}

  /**
   * The settings a node runs {@code type} with, in layers, each key from the first that gives it:
   * {@code acta.entity-types.<name>} in the configuration (operators tune one type without a
   * rebuild), then what the type's code gave, then {@code acta.entity-defaults} (every type of the
   * service), then the built-in defaults.
   *
   * @throws IllegalArgumentException when a value there is invalid (the message names its full
   *     path)
   */
  public static EntitySettings resolve(Config config, EntityType<?, ?, ?> type) {
    return resolve(config, type.name(), type.givenSettings());
  }

  /**
   * As {@link #resolve(Config, EntityType)}, for a type of this name whose code gave {@code given}.
   */
  static EntitySettings resolve(Config config, String typeName, SettingValues given) {
    return EntitySettings.builder()
        .apply(SettingsReader.read(config, EntitySettings.SETTINGS))
        .apply(given)
        .apply(
            SettingsReader.read(
                config, "acta.entity-types.\"" + typeName + "\"", EntitySettings.SETTINGS))
        .build();
  }

  /**
   * The settings under {@code acta.entity-defaults} of {@code config}; keys it lacks keep the
   * built-in defaults.
   */
  public static EntitySettings defaults(Config config) {
    return EntitySettings.builder()
        .apply(SettingsReader.read(config, EntitySettings.SETTINGS))
        .build();
  }
}
