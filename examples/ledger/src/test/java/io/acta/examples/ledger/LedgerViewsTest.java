package io.acta.examples.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.examples.ledger.AccountEvent.Closed;
import io.acta.examples.ledger.AccountEvent.Deposited;
import io.acta.examples.ledger.AccountEvent.Opened;
import io.acta.examples.ledger.AccountEvent.Withdrawn;
import io.acta.testkit.ViewTestKit;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The ledger's views, on their own keyOf / initial / apply; every row also round-trips the
 * serializer.
 */
class LedgerViewsTest {
  private static Money eur(long cents) {
    return Money.of(cents, "EUR");
  }

  private static BigInteger big(long n) {
    return BigInteger.valueOf(n);
  }

  @Test
  void balancesFollowEachAccount() {
    ViewTestKit.of(LedgerViews.BALANCES)
        .given("acc-1", new Opened("ada", "EUR"), new Deposited(eur(500)), new Withdrawn(eur(200)))
        .given("acc-2", new Opened("bob", "EUR"), new Closed())
        .thenRow("acc-1", new AccountBalance("acc-1", "ada", eur(300), AccountState.Status.OPEN))
        .thenRow("acc-2", new AccountBalance("acc-2", "bob", eur(0), AccountState.Status.CLOSED));
  }

  @Test
  void transfersShowEachTransfersStatusAsItsProcessSeesIt() {
    var kit =
        ViewTestKit.of(LedgerViews.TRANSFERS)
            .given(
                "t-1",
                new TransferEvent.Requested("a", "b", eur(300), null),
                new TransferEvent.Withdrawn(),
                new TransferEvent.Deposited())
            .given(
                "t-2",
                new TransferEvent.Requested("a", "c", eur(5), null),
                new TransferEvent.Withdrawn(),
                new TransferEvent.DepositRefused("account is closed"));

    TransferSummary done = kit.row("t-1");
    assertThat(done.status()).isEqualTo(TransferState.Status.COMPLETED);
    assertThat(done.from()).isEqualTo("a");
    assertThat(done.to()).isEqualTo("b");
    assertThat(done.amount()).isEqualTo(eur(300));
    assertThat(done.requested()).isEqualTo(ViewTestKit.START);
    assertThat(done.updated()).isEqualTo(ViewTestKit.START.plusSeconds(2));
    TransferSummary refunding = kit.row("t-2");
    assertThat(refunding.status()).isEqualTo(TransferState.Status.REFUNDING);
    assertThat(refunding.reason()).isEqualTo("account is closed");
    assertThat(LedgerViews.TRANSFERS.indexes().get("from").apply(refunding)).isEqualTo("a");
    assertThat(LedgerViews.TRANSFERS.indexes().get("to").apply(refunding)).isEqualTo("c");
  }

  @Test
  void historyKeepsMovementsWithTheirPositionAndBalance() {
    var history =
        ViewTestKit.of(LedgerViews.HISTORY)
            .given(
                "acc-1", new Opened("ada", "EUR"), new Deposited(eur(500)), new Withdrawn(eur(200)))
            .row("acc-1");

    assertThat(history.total()).isEqualTo(2);
    assertThat(history.movements())
        .extracting(AccountHistory.Movement::sequenceNr)
        .containsExactly(2L, 3L);
    assertThat(history.movements())
        .extracting(AccountHistory.Movement::kind)
        .containsExactly("deposit", "withdrawal");
    assertThat(history.movements().getLast().balanceAfter()).isEqualTo(eur(300));
    assertThat(history.movements().getFirst().at()).isEqualTo(ViewTestKit.START.plusSeconds(1));
  }

  @Test
  void historyKeepsOnlyTheLatestMovements() {
    var kit = ViewTestKit.of(LedgerViews.HISTORY).given("acc-1", new Opened("ada", "EUR"));
    for (int i = 0; i < AccountHistory.KEEP + 5; i++) kit.given("acc-1", new Deposited(eur(1)));

    var history = kit.row("acc-1");
    assertThat(history.movements()).hasSize(AccountHistory.KEEP);
    assertThat(history.total()).isEqualTo(AccountHistory.KEEP + 5);
    assertThat(history.movements().getLast().balanceAfter())
        .isEqualTo(eur(AccountHistory.KEEP + 5));
  }

  @Test
  void totalsFoldEveryAccountOfACurrencyIntoOneRow() {
    ViewTestKit.of(LedgerViews.TOTALS)
        .given(
            "acc-1",
            new Opened("ada", "EUR"),
            new Deposited(eur(500)),
            new Withdrawn(eur(200)),
            new Closed())
        .given("acc-2", new Opened("bob", "EUR"), new Deposited(eur(50)))
        .given("acc-3", new Opened("cy", "USD"), new Deposited(Money.of(7, "USD")))
        .thenRow("EUR", new CurrencyTotals("EUR", 2, big(550), big(200), big(350)))
        .thenRow("USD", new CurrencyTotals("USD", 1, big(7), big(0), big(7)))
        .thenNoRow("GBP");
  }

  @Test
  void totalsPastTheLargestLongStayExactInsteadOfWrapping() {
    Money most = eur(Long.MAX_VALUE);
    BigInteger twice = big(Long.MAX_VALUE).multiply(big(2));
    ViewTestKit.of(LedgerViews.TOTALS)
        .given("acc-1", new Opened("ada", "EUR"), new Deposited(most))
        .given(
            "acc-2",
            new Opened("bob", "EUR"),
            new Deposited(most),
            new Withdrawn(most),
            new Deposited(most))
        .thenRow(
            "EUR",
            new CurrencyTotals(
                "EUR", 2, twice.add(big(Long.MAX_VALUE)), big(Long.MAX_VALUE), twice));
  }
}
