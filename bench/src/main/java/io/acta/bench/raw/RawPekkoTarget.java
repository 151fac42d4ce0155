package io.acta.bench.raw;

import io.acta.bench.load.Batches;
import io.acta.bench.load.CommandTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/** The hand-written Pekko accounts, driven through Pekko's own {@code EntityRef.askWithStatus}. */
public final class RawPekkoTarget implements CommandTarget {
  private final String name;
  private final RawAccounts raw;
  private final String idPrefix;
  private final List<EntityRef<RawCommand>> accounts = new ArrayList<>();

  public RawPekkoTarget(String name, RawAccounts raw, String idPrefix) {
    this.name = name;
    this.raw = raw;
    this.idPrefix = idPrefix;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void prepare(int count) throws InterruptedException {
    for (int i = 0; i < count; i++) accounts.add(raw.ref(idPrefix + i));
    Batches.run(count, 256, i -> RawAccounts.open(accounts.get(i), "owner-" + i));
  }

  @Override
  public CompletionStage<?> send(int account) {
    return RawAccounts.deposit(accounts.get(account), 1);
  }
}
