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
import java.util.concurrent.CompletionStage;

/**
 * The ledger's accounts on an Acta node, driven through {@link EntityRef#ask}: what an embedding
 * service does. Deposits carry no idempotency key, so that each command persists exactly one event,
 * as in the references (which have no such feature).
 */
public final class ActaTarget implements CommandTarget {
  private final String name;
  private final ActaNode node;
  private final String idPrefix;
  private final List<EntityRef<AccountCommand<?>>> accounts = new ArrayList<>();

  /** Accounts {@code idPrefix + i} on {@code node}, reported as {@code name}. */
  public ActaTarget(String name, ActaNode node, String idPrefix) {
    this.name = name;
    this.node = node;
    this.idPrefix = idPrefix;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void prepare(int count) throws InterruptedException {
    // Refs are taken once, as a service would keep them; taking one is cheap but not free.
    for (int i = 0; i < count; i++) accounts.add(node.entity(Account.TYPE, idPrefix + i));
    Batches.run(count, 256, i -> accounts.get(i).ask(new Open("owner-" + i, "EUR")));
  }

  @Override
  public CompletionStage<?> send(int account) {
    return accounts.get(account).ask(new Deposit(Money.of(1, "EUR"), null));
  }
}
