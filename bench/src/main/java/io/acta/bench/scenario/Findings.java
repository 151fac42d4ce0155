package io.acta.bench.scenario;

import io.acta.bench.report.Measurement;
import io.acta.bench.report.Ratio;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario found, collected while it runs: figures, ratios and the notes that qualify them.
 */
public final class Findings {
  private final List<Measurement> measurements = new ArrayList<>();
  private final List<Ratio> ratios = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public Findings add(Measurement m) {
    measurements.add(m);
    return this;
  }

  public Findings add(Ratio r) {
    ratios.add(r);
    return this;
  }

  public Findings note(String note) {
    notes.add(note);
    return this;
  }

  public List<Measurement> measurements() {
    return List.copyOf(measurements);
  }

  public List<Ratio> ratios() {
    return List.copyOf(ratios);
  }

  public List<String> notes() {
    return List.copyOf(notes);
  }
}
