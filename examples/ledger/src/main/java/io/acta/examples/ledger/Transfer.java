package io.acta.examples.ledger;

import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.process.EventSourcedProcess;
import io.acta.api.process.Step;
import io.acta.examples.ledger.TransferCommand.Approve;
import io.acta.examples.ledger.TransferCommand.Get;
import io.acta.examples.ledger.TransferCommand.Start;
import io.acta.examples.ledger.TransferEvent.Approved;
import io.acta.examples.ledger.TransferEvent.DepositRefused;
import io.acta.examples.ledger.TransferEvent.Deposited;
import io.acta.examples.ledger.TransferEvent.Expired;
import io.acta.examples.ledger.TransferEvent.RefundRefused;
import io.acta.examples.ledger.TransferEvent.Refunded;
import io.acta.examples.ledger.TransferEvent.Requested;
import io.acta.examples.ledger.TransferEvent.WithdrawRefused;
import io.acta.examples.ledger.TransferEvent.Withdrawn;
import io.acta.examples.ledger.TransferState.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Moves money between two accounts without a distributed transaction: withdraw from the source,
 * deposit to the target, and refund the source when the target refuses the deposit (closed, another
 * currency). A transfer above the approval threshold waits, once the money is withdrawn, for an
 * {@link Approve}; if none comes within the approval timeout it expires and is refunded.
 */
public final class Transfer
    implements EventSourcedProcess<TransferCommand<?>, TransferEvent, TransferState> {

  /** Transfers above 10,000.00 wait for approval, for at most 24 hours. */
  public static final EntityType<TransferCommand<?>, TransferEvent, TransferState> TYPE =
      type(1_000_000, Duration.ofHours(24), Clock.systemUTC());

  private final long approvalThreshold;
  private final Duration approvalTimeout;
  private final Clock clock;

  private Transfer(long approvalThreshold, Duration approvalTimeout, Clock clock) {
    this.approvalThreshold = approvalThreshold;
    this.approvalTimeout = Objects.requireNonNull(approvalTimeout);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * The transfer type with its own approval rule: transfers of more than {@code approvalThreshold}
   * minor units wait at most {@code approvalTimeout} for approval, on {@code clock}.
   */
  public static EntityType<TransferCommand<?>, TransferEvent, TransferState> type(
      long approvalThreshold, Duration approvalTimeout, Clock clock) {
    return EntityType.of("transfer", new Transfer(approvalThreshold, approvalTimeout, clock));
  }

  @Override
  public TransferState emptyState() {
    return TransferState.NEW;
  }

  @Override
  public Effect<TransferEvent, TransferState> decide(
      TransferState state, TransferCommand<?> command) {
    return switch (command) {
      case Get get -> effects().reply(get, state);
      case Start s when state.status() != Status.NEW -> effects().reject("transfer already exists");
      case Start s when s.from() == null || s.to() == null || s.from().equals(s.to()) ->
          effects().invalid("from and to must be two different accounts");
      case Start s when s.amount() == null || s.amount().minorUnits() <= 0 ->
          effects().invalid("amount must be positive");
      case Start s ->
          effects()
              .persist(
                  new Requested(
                      s.from(),
                      s.to(),
                      s.amount(),
                      s.amount().minorUnits() > approvalThreshold
                          ? clock.instant().plus(approvalTimeout)
                          : null,
                      Ledger.onBehalfOf(s.caller())));
      case Approve a when state.status() != Status.AWAITING_APPROVAL ->
          effects().reject("transfer is not awaiting approval (it is " + state.status() + ")");
      case Approve a -> effects().persist(new Approved());
    };
  }

  @Override
  public TransferState evolve(TransferState state, TransferEvent event) {
    return state.after(event);
  }

  @Override
  public Step<TransferEvent> next(TransferState state) {
    return switch (state.status()) {
      case NEW -> Step.awaitCommand();
      case WITHDRAWING ->
          Step.ask(
                  Account.TYPE,
                  state.from(),
                  // The account decides whether the initiator may take its money.
                  key -> new AccountCommand.Withdraw(state.amount(), key, state.initiator()))
              .then(
                  balance -> new Withdrawn(), rejection -> new WithdrawRefused(rejection.reason()));
      case AWAITING_APPROVAL -> Step.waitUntil(state.approvalDeadline(), new Expired());
      case DEPOSITING ->
          Step.ask(Account.TYPE, state.to(), key -> new AccountCommand.Deposit(state.amount(), key))
              .then(
                  balance -> new Deposited(), rejection -> new DepositRefused(rejection.reason()));
      case REFUNDING ->
          Step.ask(
                  Account.TYPE,
                  state.from(),
                  key -> new AccountCommand.Deposit(state.amount(), key))
              .then(balance -> new Refunded(), rejection -> new RefundRefused(rejection.reason()));
      case COMPLETED, FAILED, REFUNDED, REFUND_REFUSED -> Step.finish();
    };
  }
}
