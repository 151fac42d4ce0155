package io.acta.runtime.spi;

import io.acta.api.entity.TypeName;
import io.acta.api.view.ViewEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tracer of this JVM's nodes, and W3C {@code traceparent} values in and out of the places a
 * trace crosses: HTTP headers, command envelopes between nodes, stored events, Kafka headers.
 *
 * <p>The OpenTelemetry API's no-op until a tracing module {@link #install installs} an SDK, so with
 * tracing off every span costs next to nothing. One per JVM, as the {@code OTEL_*} settings that
 * configure it are: nodes sharing a JVM (tests) share it.
 */
public final class Traces {
  /** The instrumentation scope of every Acta span. */
  public static final String SCOPE = "io.acta";

  /** The header, and stored field, that carries a trace across a boundary (W3C Trace Context). */
  public static final String TRACEPARENT = "traceparent";

  private static volatile OpenTelemetry installed = OpenTelemetry.noop();
  private static volatile Tracer tracer = installed.getTracer(SCOPE);
  private static volatile boolean on;

  /** The events feeds are delivering in a trace; only with tracing on. */
  private static final Map<ViewEvent<?>, String> feedEvents = new ConcurrentHashMap<>();

  private Traces() {}

  /** Traces from now on go to {@code openTelemetry} (an SDK). */
  public static synchronized void install(OpenTelemetry openTelemetry) {
    installed = openTelemetry;
    tracer = openTelemetry.getTracer(SCOPE);
    on = true;
  }

  /** Back to the no-op, if {@code openTelemetry} is still the one installed. */
  public static synchronized void uninstall(OpenTelemetry openTelemetry) {
    if (installed != openTelemetry) return;
    installed = OpenTelemetry.noop();
    tracer = installed.getTracer(SCOPE);
    on = false;
  }

  /** Whether an SDK is installed: callers skip bookkeeping that only spans need when not. */
  public static boolean on() {
    return on;
  }

  /** The tracer spans are started with. */
  public static Tracer tracer() {
    return tracer;
  }

  /**
   * The context a {@code traceparent} value continues, the root context when it is null or
   * malformed (a new trace then starts).
   */
  public static Context continuing(String traceparent) {
    // version-traceid-spanid-flags: 00-<32 hex>-<16 hex>-<2 hex>
    if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(2) != '-')
      return Context.root();
    String[] parts = traceparent.split("-");
    if (parts.length < 4 || parts[3].length() != 2) return Context.root();
    SpanContext remote;
    try {
      remote =
          SpanContext.createFromRemoteParent(
              parts[1], parts[2], TraceFlags.fromHex(parts[3], 0), TraceState.getDefault());
    } catch (RuntimeException malformed) {
      return Context.root();
    }
    return remote.isValid() ? Context.root().with(Span.wrap(remote)) : Context.root();
  }

  /** The {@code traceparent} of the span in {@code context}; null without a valid one. */
  public static String traceparent(Context context) {
    if (!on) return null;
    var span = Span.fromContext(context).getSpanContext();
    if (!span.isValid()) return null;
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
  }

  /** The {@code traceparent} of the current span; null without one (or with tracing off). */
  public static String traceparent() {
    return on ? traceparent(Context.current()) : null;
  }

  /**
   * The {@code traceparent} of the feed span delivering {@code event}, for a delivery that sends it
   * on (a Kafka record's header); null outside a trace. Valid while its delivery runs.
   */
  public static String of(ViewEvent<?> event) {
    return on ? feedEvents.get(event) : null;
  }

  /** {@code event} is being delivered by a feed in the trace {@code traceparent}. */
  public static void handling(ViewEvent<?> event, String traceparent) {
    feedEvents.put(event, traceparent);
  }

  /** The delivery of {@code event} is over. */
  public static void handled(ViewEvent<?> event) {
    feedEvents.remove(event);
  }

  /**
   * The name a command or event is stored and sent under (its {@link TypeName}), for span names and
   * attributes: never a Java class name. The runtime's own messages are {@code acta.internal}.
   */
  public static String nameOf(Object value) {
    TypeName name = value.getClass().getAnnotation(TypeName.class);
    return name != null ? name.value() : "acta.internal";
  }
}
