package io.acta.bench.report;

import java.util.List;
import java.util.Map;

/**
 * A whole run: where it ran, how, and every scenario's result.
 *
 * @param startedAt when the run started (ISO-8601)
 * @param mode "full" or "quick"
 * @param command the command line that reproduces the run
 * @param machine cores, memory, JDK, OS and the system load before and after
 * @param versions the versions of Acta's stack and of the references
 * @param scenarios the results, in run order
 * @param failures scenarios that failed, with why
 * @param seconds the run's duration
 */
public record BenchReport(
    String startedAt,
    String mode,
    String command,
    Map<String, Object> machine,
    Map<String, String> versions,
    List<ScenarioResult> scenarios,
    List<String> failures,
    double seconds) {}
