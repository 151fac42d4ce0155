package io.acta.runtime.internal;

import com.typesafe.config.Config;
import io.acta.api.entity.EntitySettings;
import io.acta.config.SettingValues;
import io.acta.config.SettingsReader;

/**
 * Reads {@link EntitySettings} from HOCON. Lives in the runtime so that the api module, which
 * declares the settings, never exposes a Typesafe Config type.
 */
public final class EntitySettingsReader {
  private EntitySettingsReader() {}

  /**
   * The settings of one entity type: the code's settings, overridden by any key present under
   * {@code acta.entity-types.<typeName>} in the configuration, so operators can tune a type without
   * a rebuild.
   *
   * @throws IllegalArgumentException when a value there is invalid (the message names its full
   *     path)
   */
  public static EntitySettings resolve(Config config, String typeName, EntitySettings fromCode) {
    SettingValues present =
        SettingsReader.read(
            config, "acta.entity-types.\"" + typeName + "\"", EntitySettings.SETTINGS);
    return present.isEmpty() ? fromCode : fromCode.toBuilder().apply(present).build();
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
