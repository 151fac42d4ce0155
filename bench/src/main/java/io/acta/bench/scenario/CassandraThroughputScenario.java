package io.acta.bench.scenario;

import io.acta.bench.acta.ActaTarget;
import io.acta.bench.acta.BenchNodes;
import io.acta.bench.cassandra.BenchCassandra;
import io.acta.bench.cassandra.RawDriverTarget;
import io.acta.bench.load.CommandTarget;
import io.acta.bench.load.Interleaved;
import io.acta.bench.load.LoadResult;
import io.acta.bench.raw.RawAccounts;
import io.acta.bench.raw.RawPekkoTarget;
import io.acta.examples.ledger.AccountEvent;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * Scenarios 1, 2 and 3 on Cassandra: the same load as in memory, through Acta (without and with
 * idempotency keys), through raw Pekko (same actor system, same pekko-persistence-cassandra
 * journal) and through the raw driver inserting rows of the same payload size; interleaved rounds
 * on one server, whose CPU time is measured beside the bench JVM's.
 */
final class CassandraThroughputScenario implements Scenario {
  static final String ACTA = "Acta (Cassandra)";
  static final String ACTA_KEYED = "Acta keyed (Cassandra)";
  static final String RAW = "raw Pekko (Cassandra)";
  static final String DRIVER = "raw driver inserts (Cassandra)";

  @Override
  public String id() {
    return "throughput-cassandra";
  }

  @Override
  public String title() {
    return "Command throughput and latency, Cassandra: Acta unkeyed and keyed, raw Pekko, raw"
        + " driver";
  }

  @Override
  public List<String> issueScenarios() {
    return List.of("1", "2", "3");
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
      progress.step(
          "starting an Acta node on Cassandra, with the raw Pekko accounts in its actor system");
      ActaNode node =
          BenchNodes.cassandra(
              cassandra.server().contactPoint(), cassandra.server().localDatacenter(), "");
      resources.add(node);
      RawAccounts raw = RawAccounts.start(node.actorSystem(), Duration.ofMinutes(5), true);
      // The raw inserts carry exactly as many bytes as Acta stores for one deposit event.
      int payloadBytes =
          SerializationExtension.get(node.actorSystem())
              .serialize(new AccountEvent.Deposited(Money.of(1, "EUR")))
              .get()
              .length;

      List<CommandTarget> targets = new ArrayList<>();
      if (options.measures(ACTA)) targets.add(new ActaTarget(ACTA, node, "acta-"));
      if (options.measures(ACTA_KEYED))
        targets.add(new ActaTarget(ACTA_KEYED, node, "acta-keyed-", true));
      if (options.measures(RAW)) targets.add(new RawPekkoTarget(RAW, raw, "raw-"));
      if (options.measures(DRIVER)) {
        RawDriverTarget driver = new RawDriverTarget(DRIVER, cassandra.session(), payloadBytes);
        resources.add(driver);
        targets.add(driver);
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
                      name, name.equals(DRIVER) ? "inserts/s" : "commands/s", rounds)));
      if (results.containsKey(ACTA) && results.containsKey(RAW)) {
        findings.add(
            ThroughputFigures.ratio(
                "Acta ÷ raw Pekko, commands/s (Cassandra)", results.get(ACTA), results.get(RAW)));
      }
      if (results.containsKey(ACTA_KEYED) && results.containsKey(ACTA)) {
        ThroughputFigures.keyedCost("Cassandra", results.get(ACTA_KEYED), results.get(ACTA))
            .forEach(findings::add);
      }
      if (results.containsKey(ACTA) && results.containsKey(DRIVER)) {
        findings.add(
            ThroughputFigures.ratio(
                "Acta persisted events/s ÷ raw driver inserts/s (Cassandra)",
                results.get(ACTA),
                results.get(DRIVER)));
      }
      findings.note(
          "Same commands and load shape as in memory; each Acta or raw Pekko command persists one"
              + " event, so commands/s = persisted events/s. The raw driver inserts one "
              + payloadBytes
              + "-byte row (the size of Acta's serialized deposit event) per operation with a"
              + " prepared statement, asynchronously.");
      findings.note(
          "pekko-persistence-cassandra writes more per event than the raw insert: the messages row"
              + " has more columns, each event is also written to the tag_views table (Acta tags"
              + " every event for projections; the raw Pekko reference does the same), and every"
              + " 100th event adds a snapshot.");
      findings.note(
          "Acta keyed: the same deposits on accounts of their own, each with an idempotency key"
              + " never used before (36 characters, as a UUID), so none is in the entity's cache:"
              + " each command reads the key index (idempotency_keys, one LOCAL_QUORUM point read),"
              + " writes the key there (TTL = the window), then persists its event and the key's"
              + " record, two journal entries, while the entity holds its other commands back.");
      findings.note(
          ThroughputFigures.SERVER_CPU
              + ": the CPU time of the Cassandra server's JVM during each measurement (as the OS"
              + " counts it for the process), divided by the commands answered; background work"
              + " (memtable flushes, compactions) that one subject's writes cause may fall into"
              + " another's measurement, which the interleaved rounds spread evenly.");
      findings.note(
          "Cassandra 5.0 runs in a child JVM (1 GiB heap) on the same 2 cores as the bench: the"
              + " server's CPU is the shared bottleneck, so these figures are far below what a real"
              + " cluster gives.");
      return findings;
    } finally {
      Targets.closeAll(resources, progress);
    }
  }
}
