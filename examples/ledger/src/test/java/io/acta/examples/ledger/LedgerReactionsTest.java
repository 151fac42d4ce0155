package io.acta.examples.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.api.entity.Done;
import io.acta.examples.ledger.AccountEvent.Deposited;
import io.acta.examples.ledger.AccountEvent.Withdrawn;
import io.acta.examples.ledger.AlertCommand.Raise;
import io.acta.testkit.EntityTestKit;
import io.acta.testkit.ReactionTestKit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The large-withdrawals reaction and the alerts it raises, without an actor system. */
class LedgerReactionsTest {
  static Money eur(long minorUnits) {
    return Money.of(minorUnits, "EUR");
  }

  @Test
  void aLargeWithdrawalRaisesAnAlertOnItsAccountUnderAKeyFromItsPosition() {
    ReactionTestKit.of(LedgerReactions.LARGE_WITHDRAWALS)
        .when("acc-1", 7, new Withdrawn(eur(LedgerReactions.LARGE_WITHDRAWAL)))
        .thenSends(
            Alerts.TYPE,
            "acc-1",
            new Raise(
                eur(LedgerReactions.LARGE_WITHDRAWAL), 7, "large-withdrawals|account|acc-1#7"))
        .thenSendsNothingMore();
  }

  @Test
  void smallerWithdrawalsAndDepositsRaiseNothing() {
    var kit = ReactionTestKit.of(LedgerReactions.LARGE_WITHDRAWALS);
    kit.when("acc-1", 3, new Withdrawn(eur(LedgerReactions.LARGE_WITHDRAWAL - 1)))
        .thenSendsNothing();
    kit.when("acc-1", 4, new Deposited(eur(10 * LedgerReactions.LARGE_WITHDRAWAL)))
        .thenSendsNothing();
  }

  @Test
  void aRaiseRecordsTheAlertWithItsWithdrawalsPosition() {
    var raise = new Raise(eur(250_000), 9, "large-withdrawals|account|acc-1#9");
    EntityTestKit.of(Alerts.TYPE)
        .when(raise)
        .thenReply(Done.DONE)
        .thenEvents(new AlertEvent.Raised(eur(250_000), 9))
        .thenState(new AlertState(1, List.of(new AlertEvent.Raised(eur(250_000), 9))));
  }

  @Test
  void theStateKeepsTheLatestAlertsAndCountsThemAll() {
    AlertState state = AlertState.EMPTY;
    for (int i = 1; i <= AlertState.KEPT + 5; i++)
      state = state.with(new AlertEvent.Raised(eur(100_000 + i), i));
    assertThat(state.count()).isEqualTo(AlertState.KEPT + 5);
    assertThat(state.latest())
        .hasSize(AlertState.KEPT)
        .first()
        .isEqualTo(new AlertEvent.Raised(eur(100_006), 6));
  }
}
