package io.acta.http.internal;

import io.acta.runtime.spi.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.AttributeKey;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The span of each request, {@code HTTP <method>}: continuing the client's W3C {@code traceparent}
 * header when it sends one, answered with the request span's own {@code traceparent}, and current
 * while the request's work is started, so the commands it sends carry it to their entities.
 */
final class HttpTracing extends AllDirectives {
  private static final AttributeKey<Context> TRACE_KEY =
      AttributeKey.create("acta-trace", Context.class);

  /** {@code inner}, each request under its span when tracing is on. */
  Route traced(Route inner) {
    return extractRequest(
        request -> {
          if (!Traces.on()) return inner;
          Span span = start(request);
          Context context = Context.root().with(span);
          String traceparent = Traces.traceparent(context);
          return mapRequest(
              r -> r.addAttribute(TRACE_KEY, context),
              () -> mapResponse(response -> end(span, response, traceparent), () -> inner));
        });
  }

  /** The route {@code inner} gives for the request's trace: empty with tracing off. */
  Route inTrace(Function<Optional<Context>, Route> inner) {
    return optionalAttribute(TRACE_KEY, inner);
  }

  private static Span start(HttpRequest request) {
    String method = request.method().value();
    return Traces.tracer()
        .spanBuilder("HTTP " + method)
        .setSpanKind(SpanKind.SERVER)
        .setParent(
            Traces.continuing(
                request.getHeader(Traces.TRACEPARENT).map(HttpHeader::value).orElse(null)))
        .setAttribute("http.request.method", method)
        .setAttribute("url.path", request.getUri().path())
        .startSpan();
  }

  private static HttpResponse end(Span span, HttpResponse response, String traceparent) {
    int status = response.status().intValue();
    span.setAttribute("http.response.status_code", status);
    if (status >= 500) span.setStatus(StatusCode.ERROR);
    span.end();
    return traceparent == null
        ? response
        : response.addHeader(RawHeader.create(Traces.TRACEPARENT, traceparent));
  }
}
