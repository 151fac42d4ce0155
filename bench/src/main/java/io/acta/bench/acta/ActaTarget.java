package io.acta.bench.acta;

import io.acta.bench.load.Batches;
import io.acta.bench.load.CommandTarget;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.EntityRef;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger's accounts on an Acta node, driven through {@link EntityRef#ask}: what an embedding
 * service does. Unkeyed, deposits carry no idempotency key, so that each command persists exactly
 * one event, as in the references (which have no such feature). Keyed, each deposit carries a key
 * never used before, as a client's first attempt does: the key is in no cache, so every command
 * pays the full price of a new key (the index's read and write, the record beside the event).
 */
public final class ActaTarget implements CommandTarget {
  private final String name;
  private final ActaNode node;
  private final String idPrefix;
  private final boolean keyed;
  private final AtomicLong sent = new AtomicLong();
  private final List<EntityRef<AccountCommand<?>>> accounts = new ArrayList<>();

  /** Accounts {@code idPrefix + i} on {@code node}, reported as {@code name}; deposits unkeyed. */
  public ActaTarget(String name, ActaNode node, String idPrefix) {
    this(name, node, idPrefix, false);
  }

  /**
   * Accounts {@code idPrefix + i} on {@code node}, reported as {@code name}; each deposit with a
   * fresh idempotency key when {@code keyed}.
   */
  public ActaTarget(String name, ActaNode node, String idPrefix, boolean keyed) {
    this.name = name;
    this.node = node;
    this.idPrefix = idPrefix;
    this.keyed = keyed;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void prepare(int count) throws InterruptedException {
    // Refs are taken once, as a service would keep them; taking one is cheap but not free.
    for (int i = 0; i < count; i++) accounts.add(node.entity(Account.TYPE, idPrefix + i));
    // 64 at a time: each open on Cassandra is a shard allocation, a recovery (several reads) and a
    // write; 256 at once on a cold server on 2 busy cores took longer than the 5 s ask timeout.
    Batches.run(count, 64, i -> accounts.get(i).ask(new Open("owner-" + i, "EUR")));
  }

  @Override
  public CompletionStage<?> send(int account) {
    return accounts.get(account).ask(new Deposit(Money.of(1, "EUR"), keyed ? key(account) : null));
  }

  /**
   * A key unique in the run, of the length of a client's random UUID (the usual key), so that the
   * index row and the journal's record are as large as in a real service.
   */
  private String key(int account) {
    return new UUID(account, sent.incrementAndGet()).toString();
  }
}
