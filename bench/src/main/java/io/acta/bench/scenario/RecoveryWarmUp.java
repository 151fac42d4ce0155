package io.acta.bench.scenario;

import io.acta.bench.load.Batches;
import io.acta.bench.raw.RawAccount;
import io.acta.bench.raw.RawAccounts;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.EntityRef;
import io.acta.runtime.spi.Shards;
import java.time.Duration;
import java.util.Locale;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Other accounts, recovered untimed before the recovery scenario times its entity: a running
 * service recovers entities all day, so its node and its Cassandra server have compiled the
 * recovery path (the server's single-partition reads, the journal plugin's chain of queries), while
 * a fresh bench has only written. Without this the first timed snapshot recoveries run that path
 * interpreted: about 150 ms falling to 15-25 ms over a few dozen recoveries, where a replay of
 * thousands of events compiles its own path within one recovery.
 *
 * <p>Each account gets a snapshot and a few events after it, like the timed entity; Acta's and raw
 * Pekko's accounts alike, so both subjects are timed on a warm path.
 */
final class RecoveryWarmUp {
  private static final EntityTypeKey<?> ACTA_KEY = Shards.key(Account.TYPE.name());
  private static final String PREFIX = "warm-up-";

  private final ActaNode node;
  private final RawAccounts raw;
  private final int accounts;
  private final int eventsEach;

  /**
   * @param accounts how many accounts of each subject to recover
   * @param eventsEach events per account, past a snapshot (taken every 100 events)
   */
  RecoveryWarmUp(ActaNode node, RawAccounts raw, int accounts, int eventsEach) {
    this.node = node;
    this.raw = raw;
    this.accounts = accounts;
    this.eventsEach = eventsEach;
  }

  /** Opens the accounts and writes their events, Acta's and raw Pekko's. */
  void write() throws InterruptedException {
    Batches.run(accounts, 32, i -> actaAccount(i).ask(new Open("owner", "EUR")));
    Batches.run(accounts, 32, i -> RawAccounts.open(raw.ref(PREFIX + i), "owner"));
    int deposits = accounts * (eventsEach - 1);
    Batches.run(
        deposits, 64, i -> actaAccount(i % accounts).ask(new Deposit(Money.of(1, "EUR"), null)));
    Batches.run(deposits, 64, i -> RawAccounts.deposit(raw.ref(PREFIX + (i % accounts)), 1));
  }

  /**
   * Recovers every account {@code rounds} times: waits until all are passivated, then asks each for
   * its balance, checking it.
   */
  String recover(int rounds) throws InterruptedException {
    long t0 = System.nanoTime();
    long expected = eventsEach - 1;
    for (int round = 0; round < rounds; round++) {
      ShardState.awaitNoneAlive(node.actorSystem(), ACTA_KEY, Duration.ofSeconds(60));
      ShardState.awaitNoneAlive(node.actorSystem(), RawAccount.KEY, Duration.ofSeconds(60));
      Batches.run(
          accounts,
          16,
          i ->
              actaAccount(i)
                  .ask(new Get())
                  .thenAccept(a -> check(a.balance().minorUnits(), expected)));
      Batches.run(
          accounts,
          16,
          i ->
              RawAccounts.get(raw.ref(PREFIX + i))
                  .thenAccept(s -> check(s.balance().minorUnits(), expected)));
    }
    return String.format(
        Locale.ROOT,
        "Before the timed recoveries, %d other accounts of each subject (a snapshot and %d events"
            + " after it) were recovered %d times, untimed (%.1f s), so that the node's and the"
            + " server's recovery path is compiled, as in a service that recovers entities all"
            + " day; the first recovery of the timed entity, before that, is reported apart.",
        accounts,
        eventsEach - 100,
        rounds,
        (System.nanoTime() - t0) / 1e9);
  }

  private EntityRef<AccountCommand<?>> actaAccount(int i) {
    return node.entity(Account.TYPE, PREFIX + i);
  }

  private static void check(long balance, long expected) {
    if (balance != expected)
      throw new IllegalStateException("recovered balance " + balance + ", expected " + expected);
  }
}
