package io.acta.bench.scenario;

import io.acta.api.entity.EntityType;
import io.acta.bench.acta.ActaTarget;
import io.acta.bench.acta.BenchNodes;
import io.acta.bench.acta.TransferTarget;
import io.acta.bench.cassandra.BenchCassandra;
import io.acta.bench.load.CommandTarget;
import io.acta.bench.load.Interleaved;
import io.acta.bench.load.LoadResult;
import io.acta.bench.report.Measurement;
import io.acta.examples.ledger.Transfer;
import io.acta.examples.ledger.TransferCommand;
import io.acta.examples.ledger.TransferEvent;
import io.acta.examples.ledger.TransferState;
import io.acta.runtime.ActaNode;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The ledger's transfer process on Cassandra beside keyed deposits on the same node and server:
 * what a process of two steps (a keyed withdrawal, a keyed deposit, each answer persisted as the
 * process's event) costs against one keyed command, in interleaved rounds with the server's CPU
 * time measured; beside the driver's end-to-end latency, the step latency the runtime itself
 * records ({@code acta.process.steps}).
 */
final class TransferScenario implements Scenario {
  static final String KEYED = "Acta keyed deposits (Cassandra)";
  static final String TRANSFERS = "Acta transfers (Cassandra)";
  static final String STEP_TIMER = "acta.process.steps";

  @Override
  public String id() {
    return "transfers-cassandra";
  }

  @Override
  public String title() {
    return "Transfers (a process of two keyed steps) against keyed deposits, Cassandra";
  }

  @Override
  public List<String> issueScenarios() {
    // Not one of issue 7's scenarios; "only=transfers-cassandra" selects it.
    return List.of("—");
  }

  @Override
  public boolean needsCassandra() {
    return true;
  }

  @Override
  public Findings run(BenchContext context) throws Exception {
    var options = context.options();
    var progress = context.progress();
    BenchCassandra cassandra = context.cassandra();
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      progress.step("starting an Acta node on Cassandra with accounts and transfers");
      // None waits for approval: no amount is above the threshold.
      EntityType<TransferCommand<?>, TransferEvent, TransferState> transferType =
          Transfer.type(Long.MAX_VALUE, Duration.ofHours(1), Clock.systemUTC());
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      // Percentiles over the whole run, not Micrometer's default sliding window of 2 minutes.
      meters
          .config()
          .meterFilter(
              new MeterFilter() {
                @Override
                public DistributionStatisticConfig configure(
                    Meter.Id id, DistributionStatisticConfig config) {
                  return DistributionStatisticConfig.builder()
                      .expiry(Duration.ofHours(1))
                      .bufferLength(1)
                      .build()
                      .merge(config);
                }
              });
      ActaNode node =
          BenchNodes.cassandra(
              cassandra.server().contactPoint(),
              cassandra.server().localDatacenter(),
              "",
              List.of(transferType),
              meters);
      resources.add(node);

      List<CommandTarget> targets = new ArrayList<>();
      if (options.measures(KEYED)) targets.add(new ActaTarget(KEYED, node, "keyed-deposit-", true));
      TransferTarget transferTarget = null;
      if (options.measures(TRANSFERS)) {
        transferTarget = new TransferTarget(TRANSFERS, node, transferType, "transfer-account-");
        resources.add(transferTarget);
        targets.add(transferTarget);
      }
      Targets.prepare(targets, options.shape().accounts(), progress);
      progress.step("load: " + options.shape());
      Map<String, List<LoadResult>> results =
          Interleaved.run(
              targets, options.shape(), OptionalLong.of(cassandra.server().pid()), progress);

      Findings findings = new Findings();
      results.forEach(
          (name, rounds) ->
              findings.add(
                  ThroughputFigures.measurement(
                      name, name.equals(TRANSFERS) ? "transfers/s" : "deposits/s", rounds)));
      Timer steps =
          meters.find(STEP_TIMER).tags("entity_type", "transfer", "outcome", "accepted").timer();
      if (steps != null && steps.count() > 0) findings.add(stepMeasurement(steps, meters));
      if (results.containsKey(TRANSFERS) && results.containsKey(KEYED)) {
        List<LoadResult> transfers = results.get(TRANSFERS);
        List<LoadResult> keyed = results.get(KEYED);
        findings.add(
            ThroughputFigures.ratio(
                "transfers/s ÷ keyed deposits/s (Cassandra)",
                transfers,
                keyed,
                "below 1: a transfer goes through more slowly than one keyed deposit"));
        ThroughputFigures.cpuRatio(
                "bench JVM CPU µs per transfer ÷ per keyed deposit (Cassandra)",
                transfers,
                keyed,
                false)
            .ifPresent(findings::add);
        ThroughputFigures.cpuRatio(
                "Cassandra server CPU µs per transfer ÷ per keyed deposit", transfers, keyed, true)
            .ifPresent(findings::add);
      }
      findings.note(
          "Acta keyed deposits: as in throughput-cassandra, each deposit with an idempotency key"
              + " never used before, on accounts of their own. Acta transfers: each operation"
              + " starts a transfer (a new process entity, a fresh UUID as id and as key) of 1"
              + " minor unit from account a to account a+1 and ends when the transfer's state is"
              + " COMPLETED; the runtime drives it on its own after the start's reply (the keyed"
              + " Withdraw to the source, the keyed Deposit to the target). The accounts hold "
              + String.format(Locale.ROOT, "%,d", TransferTarget.OPENING_BALANCE)
              + " minor units each, so no withdrawal is refused; no transfer waits for approval.");
      findings.note(
          "By construction a transfer persists 3 process events (Requested with its idempotency"
              + " record, Withdrawn, Deposited) and sends 2 keyed commands to accounts, each with"
              + " an index read and write and its event and key record persisted; its transfer is"
              + " also a new entity, recovered (found empty) from the journal before its start."
              + " Clients c and c+1 share account c+1 (the target of one, the source of the"
              + " other), unlike the deposits' accounts, which no two clients share.");
      findings.note(
          "The driver learns of a transfer's completion by polling its state (EntityRef.state())"
              + " 5 ms after the start's reply, then every 5 ms, from one scheduler thread: the"
              + " end-to-end latency is quantized to about 5 ms (each figure is up to 5 ms above"
              + " the true completion), and each poll adds one in-memory actor message to the"
              + " transfer entity (and its share of the bench JVM's CPU time).");
      if (transferTarget != null) {
        long done = transferTarget.completed();
        Histogram starts = transferTarget.startLatency();
        findings.note(
            String.format(
                    Locale.ROOT,
                    "Over the whole run, warm-ups included: %,d transfers started, %,d found"
                        + " COMPLETED, %,d state polls (%.1f per completed transfer); the start's"
                        + " reply (send to reply, before any polling) p50 %.1f ms, p99 %.1f ms;"
                        + " failed: ",
                    transferTarget.started(),
                    done,
                    transferTarget.polls(),
                    done == 0 ? 0.0 : (double) transferTarget.polls() / done,
                    starts.getValueAtPercentile(50) / 1e6,
                    starts.getValueAtPercentile(99) / 1e6)
                + (transferTarget.failures().isEmpty()
                    ? "none."
                    : transferTarget.failures().toString().replace("|", "/")));
      }
      if (steps == null || steps.count() == 0) {
        findings.note(
            "No "
                + STEP_TIMER
                + " timer (entity_type=transfer, outcome=accepted) was recorded: the runtime on"
                + " the bench's classpath does not publish it (or no step completed).");
      } else {
        findings.note(
            STEP_TIMER
                + ": the runtime's own timer of a process step, from its first ask to the answer"
                + " that ends it (2 per transfer), read from the node's metrics after the load;"
                + " it covers every step of the run, the transfers' warm-ups included, with"
                + " percentiles over the whole run (a 1-hour window instead of Micrometer's 2"
                + " minutes).");
      }
      findings.note(
          ThroughputFigures.SERVER_CPU
              + " and CPU µs/command: per operation, i.e. per transfer (all its steps together)"
              + " or per deposit, during each measurement.");
      findings.note(
          "Cassandra 5.0 runs in a child JVM (1 GiB heap) on the same 2 cores as the bench: the"
              + " server's CPU is the shared bottleneck.");
      return findings;
    } finally {
      Targets.closeAll(resources, progress);
    }
  }

  /** The runtime's step timer: mean, p50 and p99 of the accepted steps, and how many. */
  private static Measurement stepMeasurement(Timer steps, SimpleMeterRegistry meters) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (ValueAtPercentile v : steps.takeSnapshot().percentileValues()) {
      if (Math.abs(v.percentile() - 0.5) < 1e-9)
        details.put("p50 ms", v.value(TimeUnit.MILLISECONDS));
      if (Math.abs(v.percentile() - 0.99) < 1e-9)
        details.put("p99 ms", v.value(TimeUnit.MILLISECONDS));
    }
    details.put("max ms", steps.max(TimeUnit.MILLISECONDS));
    details.put("completed", steps.count());
    Timer rejected =
        meters.find(STEP_TIMER).tags("entity_type", "transfer", "outcome", "rejected").timer();
    details.put("rejected steps", rejected == null ? 0L : rejected.count());
    return new Measurement(
        "Acta transfer steps, runtime's " + STEP_TIMER + " (Cassandra)",
        "mean step latency",
        steps.mean(TimeUnit.MILLISECONDS),
        "ms",
        details);
  }
}
