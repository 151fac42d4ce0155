package io.acta.examples.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.Done;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.Rejection;
import io.acta.api.security.Caller;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Withdraw;
import io.acta.examples.ledger.TransferEvent.Approved;
import io.acta.examples.ledger.TransferEvent.DepositRefused;
import io.acta.examples.ledger.TransferEvent.Deposited;
import io.acta.examples.ledger.TransferEvent.Expired;
import io.acta.examples.ledger.TransferEvent.Refunded;
import io.acta.examples.ledger.TransferEvent.Requested;
import io.acta.examples.ledger.TransferEvent.WithdrawRefused;
import io.acta.examples.ledger.TransferEvent.Withdrawn;
import io.acta.examples.ledger.TransferState.Status;
import io.acta.testkit.EntityTestKit;
import io.acta.testkit.ProcessTestKit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The transfer process's steps, given / when / then, without an actor system. */
class TransferTest {
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final EntityType<TransferCommand<?>, TransferEvent, TransferState> TRANSFER =
      Transfer.type(1_000, Duration.ofMinutes(30), Clock.fixed(NOW, ZoneOffset.UTC));
  static final String KEY = ProcessTestKit.KEY;

  static Money eur(long minorUnits) {
    return Money.of(minorUnits, "EUR");
  }

  @Test
  void aSmallTransferWithdrawsThenDepositsThenFinishes() {
    EntityTestKit.of(TRANSFER)
        .when(new TransferCommand.Start("a", "b", eur(300), "k"))
        .thenReply(Done.DONE)
        .thenEvents(new Requested("a", "b", eur(300), null));

    ProcessTestKit.of(TRANSFER)
        .given(new Requested("a", "b", eur(300), null))
        .thenAsks(Account.TYPE, "a", new Withdraw(eur(300), KEY))
        .whenReplied(eur(200))
        .thenEvents(new Withdrawn())
        .thenAsks(Account.TYPE, "b", new Deposit(eur(300), KEY))
        .whenReplied(eur(300))
        .thenEvents(new Deposited())
        .thenFinishes();
  }

  @Test
  void aCustomersTransferWithdrawsOnHerBehalfKeepingOnlyWhoSheIsAndHerRoles() {
    Caller bob =
        Caller.user("bob", Set.of("ledger.write"), Set.of("customer"), Map.of("email", "b@x"));
    Caller kept = Caller.user("bob", Set.of(), Set.of("customer"), Map.of());
    EntityTestKit.of(TRANSFER)
        .when(new TransferCommand.Start("a", "b", eur(300), "k", bob))
        .thenEvents(new Requested("a", "b", eur(300), null, kept));
    // The source account, not the transfer, decides whether bob may take its money.
    ProcessTestKit.of(TRANSFER)
        .given(new Requested("a", "b", eur(300), null, kept))
        .thenAsks(Account.TYPE, "a", new Withdraw(eur(300), KEY, kept))
        .whenRejected(Rejection.forbidden("only the account's owner may withdraw from it"))
        .thenEvents(new WithdrawRefused("only the account's owner may withdraw from it"))
        .thenFinishes();
  }

  @Test
  void aRefusedWithdrawalEndsTheTransferWithNothingMoved() {
    ProcessTestKit.of(TRANSFER)
        .given(new Requested("a", "b", eur(300), null))
        .whenRejected(Rejection.conflict("insufficient funds"))
        .thenEvents(new WithdrawRefused("insufficient funds"))
        .thenFinishes();
  }

  @Test
  void aRefusedDepositIsCompensatedByARefund() {
    var refunding =
        ProcessTestKit.of(TRANSFER)
            .given(new Requested("a", "b", eur(300), null), new Withdrawn())
            .whenRejected(Rejection.conflict("account is not open"))
            .thenEvents(new DepositRefused("account is not open"))
            .thenAsks(Account.TYPE, "a", new Deposit(eur(300), KEY));

    var refunded = refunding.whenReplied(eur(500)).thenEvents(new Refunded());
    refunded.thenFinishes();
    assertThat(refunded.state().status()).isEqualTo(Status.REFUNDED);
    assertThat(refunded.state().reason()).isEqualTo("account is not open");
  }

  @Test
  void aLargeTransferWaitsForApprovalAndExpiresIntoARefund() {
    Instant deadline = NOW.plus(Duration.ofMinutes(30));
    EntityTestKit.of(TRANSFER)
        .when(new TransferCommand.Start("a", "b", eur(5_000), "k"))
        .thenEvents(new Requested("a", "b", eur(5_000), deadline));

    var waiting =
        ProcessTestKit.of(TRANSFER)
            .given(new Requested("a", "b", eur(5_000), deadline))
            .whenReplied(eur(0))
            .thenEvents(new Withdrawn())
            .thenWaitsUntil(deadline);

    waiting
        .when(new TransferCommand.Approve())
        .thenEvents(new Approved())
        .thenAsks(Account.TYPE, "b", new Deposit(eur(5_000), KEY));
    waiting
        .whenDue()
        .thenEvents(new Expired())
        .thenAsks(Account.TYPE, "a", new Deposit(eur(5_000), KEY));
  }

  @Test
  void aStepOfTheWrongKindIsAFailedTest() {
    var withdrawing = ProcessTestKit.of(TRANSFER).given(new Requested("a", "b", eur(3), null));

    assertThatThrownBy(withdrawing::whenDue)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("expected the next step to be a timer");
    assertThatThrownBy(() -> withdrawing.thenAsks(Account.TYPE, "b", new Withdraw(eur(3), KEY)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("unexpected entity asked");
  }
}
