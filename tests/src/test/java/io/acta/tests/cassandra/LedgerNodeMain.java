package io.acta.tests.cassandra;

import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;

/**
 * A ledger node in its own JVM for the kill test: opens accounts, then deposits 1 EUR at a time
 * into each in turn, printing {@code ACK <account> <round>} once a deposit is acknowledged. It runs
 * until it is killed.
 *
 * <p>Arguments: the Cassandra contact point (host:port) and the number of accounts.
 */
public final class LedgerNodeMain {
  public static void main(String[] args) {
    String contactPoint = args[0];
    int accounts = Integer.parseInt(args[1]);
    ActaNode node =
        ActaNode.builder("ledger-kill")
            .entity(Account.TYPE)
            .store("cassandra")
            .config(
                "acta.persistence.cassandra { contact-points = [\""
                    + contactPoint
                    + "\"], create-schema = on }")
            .start();
    for (int i = 0; i < accounts; i++) {
      node.entity(Account.TYPE, "kill-" + i)
          .ask(new Open("owner-" + i, "EUR"))
          .toCompletableFuture()
          .join();
    }
    System.out.println("READY");
    System.out.flush();
    for (int round = 0; ; round++) {
      for (int i = 0; i < accounts; i++) {
        node.entity(Account.TYPE, "kill-" + i)
            .ask(new Deposit(Money.of(1, "EUR"), "r" + round + "-" + i))
            .toCompletableFuture()
            .join();
        System.out.println("ACK " + i + " " + round);
        System.out.flush();
      }
    }
  }
}
