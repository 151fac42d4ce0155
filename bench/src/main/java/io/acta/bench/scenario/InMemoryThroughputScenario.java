package io.acta.bench.scenario;

import io.acta.bench.acta.ActaTarget;
import io.acta.bench.acta.BenchNodes;
import io.acta.bench.axon.AxonTarget;
import io.acta.bench.load.CommandTarget;
import io.acta.bench.load.Interleaved;
import io.acta.bench.load.LoadResult;
import io.acta.bench.raw.RawAccounts;
import io.acta.bench.raw.RawPekkoTarget;
import io.acta.runtime.ActaNode;
import io.acta.runtime.spi.InMemoryData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scenarios 1, 2 and 4 in memory: deposits to many accounts with many commands outstanding, through
 * Acta, through the same domain hand-written on Pekko (same actor system, same in-memory journal)
 * and through Axon 4 with its in-memory event store; interleaved rounds.
 */
final class InMemoryThroughputScenario implements Scenario {
  static final String ACTA = "Acta (in-memory)";
  static final String ACTA_KEYED = "Acta keyed (in-memory)";
  static final String RAW = "raw Pekko (in-memory)";
  static final String AXON = "Axon 4 (in-memory)";

  @Override
  public String id() {
    return "throughput-in-memory";
  }

  @Override
  public String title() {
    return "Command throughput and latency, in-memory: Acta unkeyed and keyed, raw Pekko, Axon";
  }

  @Override
  public List<String> issueScenarios() {
    return List.of("1", "2", "4");
  }

  @Override
  public Findings run(BenchContext context) throws Exception {
    var options = context.options();
    var progress = context.progress();
    String storeId = "bench-throughput-" + UUID.randomUUID();
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      progress.step(
          "starting an Acta node on the in-memory store, with the raw Pekko accounts in its actor"
              + " system");
      ActaNode node = BenchNodes.inMemory(storeId, "");
      resources.add(node);
      // The same passivation as Account.TYPE's, which never triggers during a run.
      RawAccounts raw = RawAccounts.start(node.actorSystem(), Duration.ofMinutes(5), true);
      int threads = Targets.pekkoDispatcherThreads(node.config());

      List<CommandTarget> targets = new ArrayList<>();
      if (options.measures(ACTA)) targets.add(new ActaTarget(ACTA, node, "acta-"));
      if (options.measures(ACTA_KEYED))
        targets.add(new ActaTarget(ACTA_KEYED, node, "acta-keyed-", true));
      if (options.measures(RAW)) targets.add(new RawPekkoTarget(RAW, raw, "raw-"));
      if (options.measures(AXON)) {
        progress.step(
            "starting Axon with "
                + threads
                + " command threads (as many as Pekko's default dispatcher)");
        AxonTarget axon = new AxonTarget(AXON, threads);
        resources.add(axon);
        targets.add(axon);
      }
      Targets.prepare(targets, options.shape().accounts(), progress);
      progress.step("load: " + options.shape());
      Map<String, List<LoadResult>> results = Interleaved.run(targets, options.shape(), progress);

      Findings findings = new Findings();
      results.forEach(
          (name, rounds) ->
              findings.add(ThroughputFigures.measurement(name, "commands/s", rounds)));
      if (results.containsKey(ACTA) && results.containsKey(RAW)) {
        findings.add(
            ThroughputFigures.ratio(
                "Acta ÷ raw Pekko, commands/s (in-memory)", results.get(ACTA), results.get(RAW)));
      }
      if (results.containsKey(ACTA) && results.containsKey(AXON)) {
        findings.add(
            ThroughputFigures.ratio(
                "Acta ÷ Axon 4, commands/s (in-memory)", results.get(ACTA), results.get(AXON)));
      }
      if (results.containsKey(ACTA_KEYED) && results.containsKey(ACTA)) {
        ThroughputFigures.keyedCost("in-memory", results.get(ACTA_KEYED), results.get(ACTA))
            .forEach(findings::add);
      }
      findings.note(
          "Each command is a deposit of 1 EUR to one of "
              + options.shape().accounts()
              + " accounts that replies "
              + "with the new balance and persists one event; "
              + options.shape().clients()
              + " commands outstanding (closed "
              + "loop); latency is from send to reply, in this JVM.");
      findings.note(
          "Acta and raw Pekko share one actor system and Acta's in-memory journal, which serializes"
              + " every event (Acta's serializer for Acta, Pekko's Jackson serializer for raw"
              + " Pekko) through one journal actor. Both tag every event and snapshot every 100"
              + " events. Axon's InMemoryEventStorageEngine keeps event objects without serializing"
              + " them, and Axon takes no snapshots (an unbounded aggregate cache makes replays"
              + " moot).");
      findings.note(
          "Acta keyed: the same deposits on accounts of their own, each with an idempotency key"
              + " never used before, so every command looks the key up in the in-memory key index"
              + " and notes it there (two messages the entity sends itself, its other commands"
              + " stashed meanwhile), then persists its event and the key's record: the"
              + " entity-side cost of a key, without a database.");
      findings.note(
          "Axon runs on an AsynchronousCommandBus with "
              + threads
              + " threads, as many as Pekko's default "
              + "dispatcher; all of them share the machine's cores with the load driver.");
      return findings;
    } finally {
      Targets.closeAll(resources, progress);
      InMemoryData.of(storeId).drop();
    }
  }
}
