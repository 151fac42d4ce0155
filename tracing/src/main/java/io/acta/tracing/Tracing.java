package io.acta.tracing;

import io.acta.config.SettingsReader;
import io.acta.config.SettingsTable;
import io.acta.runtime.ActaNode;
import io.acta.runtime.NodeExtension;
import io.acta.tracing.internal.TracingSdk;
import io.acta.tracing.internal.TracingSettings;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Objects;
import java.util.Optional;

/**
 * Tracing for a node with OpenTelemetry: spans of HTTP requests, commands, persists, views,
 * reactions, process steps and feeds, one trace per request across nodes and into Kafka, exported
 * over OTLP. Off unless {@code acta.tracing.enabled} is on; where traces go is OpenTelemetry's own
 * configuration ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_SERVICE_NAME}, ...).
 *
 * <pre>{@code
 * ActaNode.builder("ledger").entity(Account.TYPE).with(Tracing.of()).with(HttpApi.builder().build())
 *     .start();
 * }</pre>
 *
 * <p>Add it before the extensions whose work it traces, so that it is on when they start.
 */
public final class Tracing implements NodeExtension {
  /** Every setting, under {@code acta.tracing}. */
  public static final SettingsTable SETTINGS = TracingSettings.TABLE;

  private final Optional<SpanExporter> exporter;
  private volatile Optional<TracingSdk> running = Optional.empty();

  private Tracing(Optional<SpanExporter> exporter) {
    this.exporter = exporter;
  }

  /** Tracing as the node's settings and OpenTelemetry's say. */
  public static Tracing of() {
    return new Tracing(Optional.empty());
  }

  /**
   * Also hands every finished span to {@code exporter}, beside what OpenTelemetry's settings
   * configure: for tests, with OpenTelemetry's in-memory exporter (and {@code
   * otel.traces.exporter=none}).
   */
  public Tracing alsoExportingTo(SpanExporter exporter) {
    return new Tracing(Optional.of(Objects.requireNonNull(exporter, "exporter")));
  }

  /** Whether this node traces. */
  public boolean isOn() {
    return running.isPresent();
  }

  @Override
  public void start(ActaNode node) {
    if (!SettingsReader.read(node.config(), SETTINGS).get(TracingSettings.ENABLED)) return;
    running = Optional.of(TracingSdk.start(node.actorSystem().name(), exporter));
  }

  /** Exports the spans still buffered and stops. */
  @Override
  public void close() {
    running.ifPresent(TracingSdk::close);
    running = Optional.empty();
  }
}
