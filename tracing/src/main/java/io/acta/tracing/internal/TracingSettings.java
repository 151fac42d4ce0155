package io.acta.tracing.internal;

import io.acta.config.Setting;
import io.acta.config.SettingsTable;

/** Every setting of the tracing module, under {@code acta.tracing}; reference.conf mirrors them. */
public final class TracingSettings {
  private TracingSettings() {}

  /** {@code acta.tracing.enabled}. */
  public static final Setting<Boolean> ENABLED =
      Setting.bool(
          "enabled",
          false,
          """
          Whether the node records traces and exports them. Where to and how is OpenTelemetry's \
          own configuration: the OTEL_* environment variables or otel.* system properties \
          (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER, ...). Off, every \
          span is the OpenTelemetry API's no-op.\
          """);

  /** Every setting, under {@code acta.tracing}. */
  public static final SettingsTable TABLE = SettingsTable.of("acta.tracing", ENABLED);
}
