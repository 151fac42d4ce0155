package io.acta.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a {@link BenchReport} as Markdown: a summary of every ratio, then each scenario's table
 * and notes.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static void write(BenchReport report, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, render(report));
  }

  public static String render(BenchReport r) {
    StringBuilder md = new StringBuilder();
    md.append("# Acta benchmark results\n\n");
    md.append("Run of ")
        .append(r.startedAt())
        .append(", mode `")
        .append(r.mode())
        .append("`, ")
        .append(number(r.seconds()))
        .append(" s in all.\n\n");
    md.append("Command: `").append(r.command()).append("`\n\n");
    md.append("| machine | |\n| --- | --- |\n");
    r.machine()
        .forEach((k, v) -> md.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
    md.append("\n| versions | |\n| --- | --- |\n");
    r.versions()
        .forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));

    md.append("\n## Summary: Acta against its references\n\n");
    md.append(
        "| scenario | ratio | value | per round | reading |\n| --- | --- | --- | --- | --- |\n");
    for (ScenarioResult s : r.scenarios()) {
      for (Ratio ratio : s.ratios()) {
        md.append("| ")
            .append(String.join(", ", s.issueScenarios()))
            .append(" | ")
            .append(ratio.label())
            .append(" | **")
            .append(ratioText(ratio.value()))
            .append("** | ")
            .append(perRound(ratio))
            .append(" | ")
            .append(ratio.reading())
            .append(" |\n");
      }
    }
    if (!r.failures().isEmpty()) {
      md.append("\n## Failures\n\n");
      r.failures().forEach(f -> md.append("- ").append(f).append('\n'));
    }
    for (ScenarioResult s : r.scenarios()) renderScenario(md, s);
    return md.toString();
  }

  private static void renderScenario(StringBuilder md, ScenarioResult s) {
    md.append("\n## ")
        .append(s.title())
        .append(" (scenario ")
        .append(String.join(", ", s.issueScenarios()))
        .append(", `")
        .append(s.id())
        .append("`, ")
        .append(number(s.seconds()))
        .append(" s)\n\n");
    Set<String> columns = new LinkedHashSet<>();
    s.measurements().forEach(m -> columns.addAll(m.details().keySet()));
    md.append("| subject | metric | value |");
    columns.forEach(c -> md.append(' ').append(c).append(" |"));
    md.append("\n| --- | --- | --- |");
    columns.forEach(c -> md.append(" --- |"));
    md.append('\n');
    for (Measurement m : s.measurements()) {
      md.append("| ")
          .append(m.subject())
          .append(" | ")
          .append(m.metric())
          .append(" | ")
          .append(number(m.value()))
          .append(' ')
          .append(m.unit())
          .append(" |");
      for (String c : columns) md.append(' ').append(cell(m.details().get(c))).append(" |");
      md.append('\n');
    }
    if (!s.ratios().isEmpty()) {
      md.append('\n');
      for (Ratio ratio : s.ratios()) {
        md.append("- ")
            .append(ratio.label())
            .append(": **")
            .append(ratioText(ratio.value()))
            .append("**");
        if (!ratio.perRound().isEmpty())
          md.append(" (rounds: ").append(perRound(ratio)).append(")");
        md.append(" — ").append(ratio.reading()).append('\n');
      }
    }
    if (!s.notes().isEmpty()) {
      md.append('\n');
      s.notes().forEach(n -> md.append("> ").append(n).append("\n>\n"));
      md.setLength(md.length() - 2);
    }
  }

  private static String perRound(Ratio ratio) {
    return ratio.perRound().stream()
        .map(MarkdownReport::ratioText)
        .collect(Collectors.joining(", "));
  }

  private static String ratioText(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String cell(Object v) {
    if (v == null) return "";
    if (v instanceof Double || v instanceof Float) return number(((Number) v).doubleValue());
    if (v instanceof Number n) return String.format(Locale.ROOT, "%,d", n.longValue());
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(x -> parts.add(cell(x)));
      return String.join(", ", parts);
    }
    if (v instanceof Map<?, ?> map) return map.toString();
    return v.toString().replace("|", "\\|");
  }

  /** Three significant figures or so: enough for noisy measurements, no false precision. */
  static String number(double v) {
    double a = Math.abs(v);
    if (a >= 100) return String.format(Locale.ROOT, "%,.0f", v);
    if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
