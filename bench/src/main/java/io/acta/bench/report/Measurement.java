package io.acta.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured figure of one subject (Acta or a reference), with the figures that qualify it.
 *
 * @param subject who was measured, e.g. "Acta (in-memory)"
 * @param metric what, e.g. "throughput"
 * @param value the figure
 * @param unit its unit, e.g. "commands/s"
 * @param details further figures of the same measurement (percentiles, counts), in table order
 */
public record Measurement(
    String subject, String metric, double value, String unit, Map<String, Object> details) {

  /** Keeps the details' order: it becomes the column order of the Markdown table. */
  public Measurement {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
