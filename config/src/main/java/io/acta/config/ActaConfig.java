package io.acta.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.function.Function;

/**
 * Loads Acta's configuration: the {@code reference.conf} of every module on the class path, under
 * {@code application.conf}, under system properties, under what the embedding code gives.
 */
public final class ActaConfig {
  private ActaConfig() {}

  /**
   * The standard layered configuration of this class path ({@code application.conf} and system
   * properties included).
   */
  public static Config load() {
    return ConfigFactory.load();
  }

  /** {@code overrides} on top of the standard layered configuration. */
  public static Config load(Config overrides) {
    return overrides.withFallback(load()).resolve();
  }

  /**
   * The configuration in layers: system properties, then {@code overrides}, then {@code
   * application.conf}, then what {@code derive} computes from those (e.g. Pekko settings translated
   * from {@code acta.*} keys), then every module's {@code reference.conf}. Derived settings sit
   * below {@code application.conf}, so an explicit key there still wins over a translation.
   */
  public static Config layered(Config overrides, Function<Config, Config> derive) {
    Config reference = ConfigFactory.defaultReference();
    Config upper =
        ConfigFactory.defaultOverrides()
            .withFallback(overrides)
            .withFallback(ConfigFactory.defaultApplication());
    Config settled = upper.withFallback(reference).resolve();
    return upper.withFallback(derive.apply(settled)).withFallback(reference).resolve();
  }

  /**
   * Only the {@code reference.conf} defaults, ignoring {@code application.conf}: the built-in
   * values.
   */
  public static Config referenceOnly() {
    return ConfigFactory.defaultReference();
  }
}
