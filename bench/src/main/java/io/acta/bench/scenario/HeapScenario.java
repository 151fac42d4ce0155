package io.acta.bench.scenario;

import io.acta.bench.acta.BenchNodes;
import io.acta.bench.load.Batches;
import io.acta.bench.raw.RawAccount;
import io.acta.bench.raw.RawAccounts;
import io.acta.bench.report.Measurement;
import io.acta.bench.report.Ratio;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.runtime.ActaNode;
import io.acta.runtime.spi.InMemoryData;
import io.acta.runtime.spi.Shards;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Scenario 8: heap bytes per active entity, Acta against raw Pekko, each on a fresh node on the
 * in-memory store: used heap after GC before and after activating N entities (a {@code Get} each,
 * which recovers the entity and persists nothing), divided by N.
 *
 * <p>After that, the node is closed and the store dropped, with a heap reading after each: the
 * difference between those two is what the in-memory store itself holds per entity (its empty
 * per-entity maps), included in the per-entity figure but not part of an entity on Cassandra.
 */
final class HeapScenario implements Scenario {
  private static final String ACTA = "Acta";
  private static final String RAW = "raw Pekko";
  private static final EntityTypeKey<?> ACTA_KEY = Shards.key(Account.TYPE.name());
  private static final int WARM_ENTITIES = 1_000;

  private record Sample(
      long entities,
      double bytesPerEntity,
      double storeBytesPerEntity,
      double activationsPerSecond) {}

  @Override
  public String id() {
    return "heap-per-entity";
  }

  @Override
  public String title() {
    return "Heap per active entity, in-memory store";
  }

  @Override
  public List<String> issueScenarios() {
    return List.of("8");
  }

  @Override
  public Findings run(BenchContext context) throws Exception {
    var progress = context.progress();
    Findings findings = new Findings();
    Sample previous = null;
    for (int n : context.options().heapSizes()) {
      if (previous != null && !fits(n, previous)) {
        findings.note(
            String.format(
                Locale.ROOT,
                "%,d entities skipped: at %.0f bytes each they need more than the %d MiB "
                    + "heap this JVM has (raise -Dbench.heap).",
                n,
                previous.bytesPerEntity(),
                HeapMeter.max() >> 20));
        progress.step("skipping " + n + " entities: the heap is too small");
        continue;
      }
      Sample acta = measure(ACTA, n, context);
      Sample raw = measure(RAW, n, context);
      findings.add(measurement(ACTA, acta)).add(measurement(RAW, raw));
      findings.add(
          new Ratio(
              String.format(
                  Locale.ROOT, "Acta ÷ raw Pekko, heap bytes per entity at %,d entities", n),
              acta.bytesPerEntity() / raw.bytesPerEntity(),
              List.of(),
              "below 1: Acta needs less memory per entity"));
      previous = acta.bytesPerEntity() > raw.bytesPerEntity() ? acta : raw;
    }
    findings.note(
        "Used heap after full GCs (System.gc() four times, lowest reading) before and after"
            + " activating the entities, after "
            + WARM_ENTITIES
            + " entities activated untimed so that one-time costs fall in the baseline. "
            + "Passivation is off; the count of live entities is checked from the shard regions.");
    findings.note(
        "The per-entity figure includes Cluster Sharding's bookkeeping and the in-memory store's"
            + " empty per-entity maps (the 'store B/entity' column, measured by dropping the"
            + " store), which an entity on Cassandra does not have.");
    return findings;
  }

  private static boolean fits(int n, Sample previous) {
    return previous.bytesPerEntity() * n * 1.5 < HeapMeter.max();
  }

  private Sample measure(String subject, int n, BenchContext context) throws Exception {
    var progress = context.progress();
    String storeId = "bench-heap-" + UUID.randomUUID();
    progress.step(String.format(Locale.ROOT, "%s: %,d entities on a fresh node", subject, n));
    ActaNode node =
        BenchNodes.inMemory(storeId, "acta.entity-types.account.passivate-after-idle = off");
    try {
      RawAccounts raw = RawAccounts.start(node.actorSystem(), Duration.ZERO, true);
      IntFunction<CompletionStage<?>> activate =
          subject.equals(ACTA)
              ? i -> node.entity(Account.TYPE, "e-" + i).ask(new Get())
              : i -> RawAccounts.get(raw.ref("e-" + i));
      Batches.run(WARM_ENTITIES, 256, i -> activate.apply(n + i));
      long before = HeapMeter.usedAfterGc();
      long t0 = System.nanoTime();
      Batches.run(n, 512, activate);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long live =
          ShardState.liveEntities(
              node.actorSystem(), subject.equals(ACTA) ? ACTA_KEY : RawAccount.KEY);
      if (live != n + WARM_ENTITIES)
        throw new IllegalStateException(live + " entities alive, expected " + (n + WARM_ENTITIES));
      long after = HeapMeter.usedAfterGc();
      node.close();
      long closed = HeapMeter.usedAfterGc();
      InMemoryData.of(storeId).drop();
      long dropped = HeapMeter.usedAfterGc();
      var sample =
          new Sample(
              n,
              (after - before) / (double) n,
              (closed - dropped) / (double) (n + WARM_ENTITIES),
              n / seconds);
      progress.detail(
          String.format(
              Locale.ROOT,
              "%s: %,.0f bytes/entity (store %,.0f), activated at %,.0f entities/s",
              subject,
              sample.bytesPerEntity(),
              sample.storeBytesPerEntity(),
              sample.activationsPerSecond()));
      return sample;
    } finally {
      node.close();
      InMemoryData.of(storeId).drop();
    }
  }

  private static Measurement measurement(String subject, Sample s) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("entities", s.entities());
    details.put("store B/entity", s.storeBytesPerEntity());
    details.put("activations/s", s.activationsPerSecond());
    return new Measurement(
        subject + " (in-memory)", "heap per entity", s.bytesPerEntity(), "bytes", details);
  }
}
