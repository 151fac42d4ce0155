package io.acta.bench.load;

import io.acta.api.view.ViewQueries;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Deposits whose effect is awaited in two views, as a user reading their own writes would: each
 * command is sent with its write position, then the balances row (a row per entity) and the
 * currency totals (all accounts in one row) are read once each view has folded that position. The
 * time from the acknowledgement to each view having it is recorded: the views' freshness.
 */
public final class FreshnessTarget implements CommandTarget {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ActaNode node;
  private final ViewQueries views;
  private final String prefix;
  private final Recorder balances = new Recorder(3);
  private final Recorder totals = new Recorder(3);

  /** Sends to accounts {@code prefix + i}, which must be open. */
  public FreshnessTarget(ActaNode node, ViewQueries views, String prefix) {
    this.node = node;
    this.views = views;
    this.prefix = prefix;
  }

  @Override
  public String name() {
    return "deposits awaited in their views";
  }

  @Override
  public void prepare(int accounts) {}

  @Override
  public CompletionStage<?> send(int account) {
    return node.entity(Account.TYPE, prefix + account)
        .askWithPosition(new Deposit(Money.of(1, "EUR"), null))
        .thenCompose(
            ack -> {
              long acked = System.nanoTime();
              CompletableFuture<?> balance =
                  views
                      .get(LedgerViews.BALANCES, prefix + account, ack.position(), WAIT)
                      .thenRun(() -> balances.recordValue(System.nanoTime() - acked))
                      .toCompletableFuture();
              CompletableFuture<?> total =
                  views
                      .get(LedgerViews.TOTALS, "EUR", ack.position(), WAIT)
                      .thenRun(() -> totals.recordValue(System.nanoTime() - acked))
                      .toCompletableFuture();
              return CompletableFuture.allOf(balance, total);
            });
  }

  /** Acknowledgement to visible in the balances view, since the last call. */
  public Histogram balances() {
    return balances.getIntervalHistogram();
  }

  /** Acknowledgement to visible in the currency totals, since the last call. */
  public Histogram totals() {
    return totals.getIntervalHistogram();
  }
}
