package io.acta.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * Loads Acta's configuration: the {@code reference.conf} of every module on the class path,
 * under {@code application.conf}, under system properties, under what the embedding code gives.
 */
public final class ActaConfig {
  private ActaConfig() {}

  /** The standard layered configuration of this class path ({@code application.conf} and system properties included). */
  public static Config load() {
    return ConfigFactory.load();
  }

  /** {@code overrides} on top of the standard layered configuration. */
  public static Config load(Config overrides) {
    return overrides.withFallback(load()).resolve();
  }

  /** Only the {@code reference.conf} defaults, ignoring {@code application.conf}: the built-in values. */
  public static Config referenceOnly() {
    return ConfigFactory.defaultReference();
  }
}
