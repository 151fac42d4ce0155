package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.api.view.ViewQueries;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Views take the events entities push as they persist them, without waiting for events-by-tag: on a
 * node whose events-by-tag shows an event only ten minutes after it was written, a command's effect
 * still reaches the views, per entity and aggregated, one command after another.
 */
class PushedEventsIT {
  /** Far shorter than events-by-tag's delay on the second node: only a pushed event is in time. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final String SLOW_EVENTS_BY_TAG =
      "acta.persistence.cassandra.events-by-tag { eventual-consistency-delay = 10m, max-delay = 10m"
          + " }";

  private static ActaNode node(String config) {
    InetSocketAddress cassandra = SharedCassandra.contactPoint();
    return ActaNode.builder("pushed-events")
        .entity(Account.TYPE)
        .store("cassandra")
        .config(
            "acta.persistence.cassandra { contact-points = [\""
                + cassandra.getHostString()
                + ":"
                + cassandra.getPort()
                + "\"], create-schema = on, keyspace = pushed_events,"
                + " snapshot-keyspace = pushed_events_snapshot }")
        .config(config)
        .with(Projections.of(LedgerViews.BALANCES, LedgerViews.HISTORY, LedgerViews.TOTALS))
        .start();
  }

  @Test
  void viewsShowACommandsEffectBeforeEventsByTagCould() {
    // A view takes pushed events once its projection has an offset to store with them: a first
    // node, with events-by-tag as usual, gives it one.
    try (ActaNode first = node("")) {
      var opened =
          first
              .entity(Account.TYPE, "pushed-1")
              .askWithPosition(new Open("ada", "EUR"))
              .toCompletableFuture()
              .join();
      ViewQueries views = first.extension(Projections.class).queries();
      assertThat(
              views
                  .get(LedgerViews.BALANCES, "pushed-1", opened.position(), Duration.ofSeconds(90))
                  .toCompletableFuture()
                  .join())
          .isPresent();
    }

    try (ActaNode node = node(SLOW_EVENTS_BY_TAG)) {
      ViewQueries views = node.extension(Projections.class).queries();
      var account = node.entity(Account.TYPE, "pushed-1");
      var deposited =
          account
              .askWithPosition(new Deposit(Money.of(25, "EUR"), "first"))
              .toCompletableFuture()
              .join();

      assertThat(
              views
                  .get(LedgerViews.BALANCES, "pushed-1", deposited.position(), WAIT)
                  .toCompletableFuture()
                  .join())
          .hasValueSatisfying(b -> assertThat(b.balance()).isEqualTo(Money.of(25, "EUR")));
      assertThat(
              views
                  .get(LedgerViews.TOTALS, "EUR", deposited.position(), WAIT)
                  .toCompletableFuture()
                  .join())
          .hasValueSatisfying(t -> assertThat(t.deposited()).isEqualTo(BigInteger.valueOf(25)));

      var again =
          account
              .askWithPosition(new Deposit(Money.of(5, "EUR"), "second"))
              .toCompletableFuture()
              .join();
      assertThat(
              views
                  .get(LedgerViews.BALANCES, "pushed-1", again.position(), WAIT)
                  .toCompletableFuture()
                  .join())
          .hasValueSatisfying(b -> assertThat(b.balance()).isEqualTo(Money.of(30, "EUR")));
    }
  }
}
