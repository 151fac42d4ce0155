package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.api.entity.Acknowledged;
import io.acta.api.entity.WritePosition;
import io.acta.api.view.ViewNotReachedException;
import io.acta.api.view.ViewQueries;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.EntityRef;
import io.acta.runtime.Projections;
import io.acta.tests.Eventually;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
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
    return CassandraNodes.ledger(
        "pushed-events",
        "pushed_events",
        Projections.of(LedgerViews.BALANCES, LedgerViews.HISTORY, LedgerViews.TOTALS),
        config);
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
      // The row is visible before the projection stores its offset: wait for that as well.
      Eventually.await(
          Duration.ofSeconds(90),
          () -> first.extension(Projections.class).operations().status(),
          slices -> {
            var folded = slices.stream().filter(s -> s.processedHere() > 0).toList();
            return folded.size() == 3
                && folded.stream().allMatch(s -> s.storedOffsetTime() != null);
          });
    }

    try (ActaNode node = node(SLOW_EVENTS_BY_TAG)) {
      ViewQueries views = node.extension(Projections.class).queries();
      var account = node.entity(Account.TYPE, "pushed-1");
      // The views' projections start in the background and take the events pushed from then on:
      // deposit until one shows in all three views, then every next one does.
      AtomicInteger warmUps = new AtomicInteger();
      Eventually.await(
          Duration.ofSeconds(90),
          () ->
              shownInEveryView(views, deposit(account, 1, "warm-up-" + warmUps.incrementAndGet())),
          shown -> shown);
      long warmedUp = warmUps.get();

      var deposited = deposit(account, 25, "first");
      assertThat(balance(views, deposited.position())).isEqualTo(Money.of(warmedUp + 25, "EUR"));
      assertThat(
              views
                  .get(LedgerViews.TOTALS, "EUR", deposited.position(), WAIT)
                  .toCompletableFuture()
                  .join())
          .hasValueSatisfying(
              t -> assertThat(t.deposited()).isEqualTo(BigInteger.valueOf(warmedUp + 25)));

      var again = deposit(account, 5, "second");
      assertThat(balance(views, again.position())).isEqualTo(Money.of(warmedUp + 30, "EUR"));
    }
  }

  /** Whether the deposit at {@code ack} reached all three views within a few seconds. */
  private static boolean shownInEveryView(ViewQueries views, Acknowledged<Money> ack) {
    Duration soon = Duration.ofSeconds(3);
    try {
      CompletableFuture.allOf(
              views
                  .get(LedgerViews.BALANCES, "pushed-1", ack.position(), soon)
                  .toCompletableFuture(),
              views
                  .get(LedgerViews.HISTORY, "pushed-1", ack.position(), soon)
                  .toCompletableFuture(),
              views.get(LedgerViews.TOTALS, "EUR", ack.position(), soon).toCompletableFuture())
          .join();
      return true;
    } catch (CompletionException e) {
      if (e.getCause() instanceof ViewNotReachedException) return false;
      throw e;
    }
  }

  private static Acknowledged<Money> deposit(
      EntityRef<AccountCommand<?>> account, long cents, String key) {
    return account
        .askWithPosition(new Deposit(Money.of(cents, "EUR"), key))
        .toCompletableFuture()
        .join();
  }

  /** The balance of pushed-1 once the view has reached {@code position}. */
  private static Money balance(ViewQueries views, WritePosition position) {
    return views
        .get(LedgerViews.BALANCES, "pushed-1", position, WAIT)
        .toCompletableFuture()
        .join()
        .orElseThrow()
        .balance();
  }
}
