package io.acta.bench;

import io.acta.bench.load.LoadShape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a run does, from its arguments: {@code key=value} tokens and flags, separated by spaces,
 * leading dashes ignored (so {@code --quick} works too).
 *
 * <ul>
 *   <li>{@code full} (default) or {@code quick}: the whole suite (about 15 minutes on 2 cores) or a
 *       smoke run of every scenario with small numbers (about 3 minutes)
 *   <li>{@code only=1,7,heap}: run only scenarios covering these issue numbers or with these ids
 *   <li>{@code skip-cassandra}: leave out everything that needs the Cassandra server
 *   <li>{@code subjects=acta}: in throughput scenarios, measure only subjects whose name contains
 *       one of these words (for profiling one of them)
 *   <li>{@code out=dir}: where results.md and results.json go (default {@code target})
 *   <li>{@code warmup=s}, {@code measure=s}, {@code rounds=n}, {@code accounts=n}, {@code
 *       clients=n}, {@code events=n}, {@code samples=n}, {@code recovery-warm-ups=n}, {@code
 *       heap-sizes=n,n}, {@code rates=f,f}, {@code open-warmup=s}, {@code open-measure=s}, {@code
 *       catch-up-events=n}, {@code subscribers=n}, {@code kafka-messages=n}: override the mode's
 *       numbers
 *   <li>{@code freshness-rate=n}: the service scenario measures freshness at this many deposits/s
 *       instead of half of its measured capacity (which moves with the machine), to compare code
 *       side by side at one rate
 * </ul>
 *
 * @param mode "full" or "quick"
 * @param out the directory of the results
 * @param only scenario numbers or ids to run; empty runs all
 * @param skipCassandra whether to leave out scenarios on Cassandra
 * @param subjects words that select throughput subjects; empty measures all
 * @param shape the throughput scenarios' load
 * @param recoveryEvents how many events the recovered entity has
 * @param recoverySamples how many recoveries are timed per case
 * @param recoveryWarmUps how many recoveries per case run untimed before those timed
 * @param heapSizes how many entities scenario 8 activates, one measurement per size
 * @param rateFractions scenario 5's arrival rates, as fractions of the HTTP API's closed-loop
 *     throughput
 * @param openLoopWarmup scenario 5's unrecorded time at each rate
 * @param openLoopMeasure scenario 5's measured time at each rate
 * @param catchUpEvents how many events scenario 6 writes and then folds
 * @param subscribers how many updates streams the live-updates scenario opens
 * @param kafkaMessages how many events the Kafka scenario publishes, and messages it consumes
 * @param freshnessRate deposits/s of the service scenario's freshness run; 0 for half of its
 *     measured capacity
 * @param arguments the arguments as given, for the report
 */
public record BenchOptions(
    String mode,
    Path out,
    Set<String> only,
    boolean skipCassandra,
    Set<String> subjects,
    LoadShape shape,
    int recoveryEvents,
    int recoverySamples,
    int recoveryWarmUps,
    List<Integer> heapSizes,
    List<Double> rateFractions,
    Duration openLoopWarmup,
    Duration openLoopMeasure,
    int catchUpEvents,
    int subscribers,
    int kafkaMessages,
    int freshnessRate,
    String arguments) {

  public static BenchOptions parse(String[] args) {
    List<String> tokens = new ArrayList<>();
    for (String a : args) {
      for (String t : a.trim().split("\\s+")) {
        String token = t.replaceFirst("^-+", "");
        if (!token.isEmpty()) tokens.add(token);
      }
    }
    boolean quick = tokens.contains("quick");
    String mode = quick ? "quick" : "full";
    Path out = Path.of("target");
    Set<String> only = new HashSet<>();
    Set<String> subjects = new HashSet<>();
    boolean skipCassandra = false;
    int accounts = quick ? 200 : 1000;
    int clients = quick ? 16 : 64;
    int warmup = quick ? 2 : 4;
    int measure = quick ? 3 : 8;
    int rounds = quick ? 1 : 3;
    int events = quick ? 1_000 : 10_000;
    int samples = quick ? 2 : 9;
    int recoveryWarmUps = quick ? 1 : 2;
    List<Integer> heapSizes = quick ? List.of(10_000) : List.of(100_000, 1_000_000);
    List<Double> rateFractions = List.of(0.25, 0.5, 0.75);
    int openWarmup = quick ? 1 : 3;
    int openMeasure = quick ? 3 : 10;
    // The 1M-event rebuild the read-side issue asks for (about half a minute of folding here).
    int catchUpEvents = quick ? 5_000 : 1_000_000;
    int subscribers = quick ? 1_000 : 10_000;
    int kafkaMessages = quick ? 5_000 : 100_000;
    int freshnessRate = 0;
    List<String> kept = new ArrayList<>();
    for (String token : tokens) {
      String[] kv = token.split("=", 2);
      String key = kv[0].toLowerCase(Locale.ROOT);
      String value = kv.length > 1 ? kv[1] : "";
      switch (key) {
        case "quick", "full" -> {}
        case "skip-cassandra" -> skipCassandra = true;
        case "out" -> out = Path.of(value);
        case "only" -> only.addAll(list(value));
        case "subjects" -> list(value).forEach(s -> subjects.add(s.toLowerCase(Locale.ROOT)));
        case "accounts" -> accounts = Integer.parseInt(value);
        case "clients" -> clients = Integer.parseInt(value);
        case "warmup" -> warmup = Integer.parseInt(value);
        case "measure" -> measure = Integer.parseInt(value);
        case "rounds" -> rounds = Integer.parseInt(value);
        case "events" -> events = Integer.parseInt(value);
        case "samples" -> samples = Integer.parseInt(value);
        case "recovery-warm-ups" -> recoveryWarmUps = Integer.parseInt(value);
        case "heap-sizes" -> heapSizes = list(value).stream().map(Integer::parseInt).toList();
        case "rates" -> rateFractions = list(value).stream().map(Double::parseDouble).toList();
        case "open-warmup" -> openWarmup = Integer.parseInt(value);
        case "open-measure" -> openMeasure = Integer.parseInt(value);
        case "catch-up-events" -> catchUpEvents = Integer.parseInt(value);
        case "subscribers" -> subscribers = Integer.parseInt(value);
        case "kafka-messages" -> kafkaMessages = Integer.parseInt(value);
        case "freshness-rate" -> freshnessRate = Integer.parseInt(value);
        default ->
            throw new IllegalArgumentException(
                "unknown bench argument '" + token + "'; see BenchOptions");
      }
      if (!key.equals("out")) kept.add(token);
    }
    var shape =
        new LoadShape(
            accounts, clients, Duration.ofSeconds(warmup), Duration.ofSeconds(measure), rounds);
    return new BenchOptions(
        mode,
        out,
        Set.copyOf(only),
        skipCassandra,
        Set.copyOf(subjects),
        shape,
        events,
        samples,
        recoveryWarmUps,
        List.copyOf(heapSizes),
        List.copyOf(rateFractions),
        Duration.ofSeconds(openWarmup),
        Duration.ofSeconds(openMeasure),
        catchUpEvents,
        subscribers,
        kafkaMessages,
        freshnessRate,
        String.join(" ", kept));
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Whether a throughput subject of this name is to be measured. */
  public boolean measures(String subject) {
    String s = subject.toLowerCase(Locale.ROOT);
    return subjects.isEmpty() || subjects.stream().anyMatch(s::contains);
  }
}
