package io.acta.tracing.internal;

import io.acta.runtime.spi.Traces;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry SDK of a node, configured as OpenTelemetry's autoconfiguration reads {@code
 * OTEL_*} variables and {@code otel.*} properties, installed as the runtime's tracer until closed.
 */
public final class TracingSdk implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TracingSdk.class);

  private final OpenTelemetrySdk sdk;

  private TracingSdk(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
  }

  /**
   * Starts the SDK, exporting where OpenTelemetry's settings say (OTLP by default), and to {@code
   * extra} too when given (a test's in-memory exporter), span by span.
   */
  public static TracingSdk start(String serviceName, Optional<SpanExporter> extra) {
    // The configuration autoconfiguration settled on, to say where traces go.
    AtomicReference<ConfigProperties> settled = new AtomicReference<>();
    var built =
        AutoConfiguredOpenTelemetrySdk.builder()
            // The node's name unless OTEL_SERVICE_NAME (or otel.service.name) names the service.
            .addPropertiesSupplier(() -> Map.of("otel.service.name", serviceName))
            .addTracerProviderCustomizer(
                (SdkTracerProviderBuilder builder, ConfigProperties config) -> {
                  settled.set(config);
                  return extra.isEmpty()
                      ? builder
                      : builder.addSpanProcessor(SimpleSpanProcessor.create(extra.get()));
                })
            .disableShutdownHook()
            .build();
    ConfigProperties config = settled.get();
    String exporter = config.getString("otel.traces.exporter", "otlp");
    log.info(
        "Tracing on: exporting {} to {}",
        exporter,
        exporter.equals("otlp")
            ? config.getString(
                "otel.exporter.otlp.traces.endpoint",
                config.getString("otel.exporter.otlp.endpoint", "the default endpoint"))
            : "its configured destination");
    var sdk = built.getOpenTelemetrySdk();
    Traces.install(sdk);
    return new TracingSdk(sdk);
  }

  /** Exports what is left and stops; the runtime's tracer is the no-op again. */
  @Override
  public void close() {
    Traces.uninstall(sdk);
    sdk.shutdown().join(10, TimeUnit.SECONDS);
  }
}
