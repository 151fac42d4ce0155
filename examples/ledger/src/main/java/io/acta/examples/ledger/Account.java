package io.acta.examples.ledger;

import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.examples.ledger.AccountCommand.Close;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.AccountCommand.Withdraw;
import io.acta.examples.ledger.AccountEvent.Closed;
import io.acta.examples.ledger.AccountEvent.Deposited;
import io.acta.examples.ledger.AccountEvent.Opened;
import io.acta.examples.ledger.AccountEvent.Withdrawn;
import java.time.Duration;
import java.util.LinkedHashMap;

/** A bank account: opened once, money in and out in its own currency, closed only when empty. */
public final class Account
    implements EventSourcedEntity<AccountCommand<?>, AccountEvent, AccountState> {

  /** The account entity type, registered with the node. */
  public static final EntityType<AccountCommand<?>, AccountEvent, AccountState> TYPE =
      EntityType.of("account", new Account())
          .withSnapshots(100, 2)
          .withPassivation(Duration.ofMinutes(5))
          // v1 of account.deposited kept the amount and its currency side by side; v2 holds Money.
          .withUpcaster(
              "account.deposited",
              1,
              v1 -> {
                var money = new LinkedHashMap<String, Object>();
                money.put("minorUnits", v1.remove("amount"));
                money.put("currency", v1.remove("currency"));
                v1.put("amount", money);
                return v1;
              });

  @Override
  public AccountState emptyState() {
    return AccountState.NEW;
  }

  @Override
  public Effect<AccountEvent, AccountState> decide(AccountState state, AccountCommand<?> command) {
    return switch (command) {
      case Get get -> effects().reply(get, state);
      case Open open when !Ledger.mayActFor(open.caller(), open.owner()) ->
          effects().forbid("an account can be opened in the caller's own name only");
      case Open open when state.status() != AccountState.Status.NEW ->
          effects().reject("account already exists");
      case Open open when open.owner() == null || open.owner().isBlank() ->
          effects().invalid("owner must not be blank");
      case Open open when !Money.isCurrency(open.currency()) ->
          effects()
              .invalid("currency must be a three-letter ISO 4217 code, was " + open.currency());
      case Open open -> effects().persist(new Opened(open.owner(), open.currency()));
      case Deposit d -> {
        var refusal = refuseMovement(state, d.amount());
        if (refusal != null) yield refusal;
        // Refused here, where the caller learns why: evolve adds exactly, and would throw.
        if (!state.balance().canAdd(d.amount().minorUnits())) {
          yield effects()
              .reject(
                  "the deposit would take the balance over the most an account can hold ("
                      + Long.MAX_VALUE
                      + " minor units)");
        }
        yield effects().persist(new Deposited(d.amount())).thenReply(d, AccountState::balance);
      }
      case Withdraw w when !Ledger.mayActFor(w.caller(), state.owner()) ->
          effects().forbid("only the account's owner may withdraw from it");
      case Withdraw w -> {
        var refusal = refuseMovement(state, w.amount());
        if (refusal != null) yield refusal;
        // Past this check 0 < amount <= balance, so evolve's subtraction cannot overflow.
        if (w.amount().minorUnits() > state.balance().minorUnits())
          yield effects().reject("insufficient funds");
        yield effects().persist(new Withdrawn(w.amount())).thenReply(w, AccountState::balance);
      }
      case Close close when !state.isOpen() -> effects().reject("account is not open");
      case Close close when state.balance().minorUnits() != 0 ->
          effects().reject("balance is not zero");
      case Close close -> effects().persist(new Closed());
    };
  }

  /**
   * The refusal of moving {@code amount} in or out of the account, or {@code null} when it may go
   * ahead.
   */
  private Effect<AccountEvent, AccountState> refuseMovement(AccountState state, Money amount) {
    if (amount == null || amount.minorUnits() <= 0)
      return effects().invalid("amount must be positive");
    if (!state.isOpen()) return effects().reject("account is not open");
    if (!amount.currency().equals(state.balance().currency())) {
      return effects()
          .invalid(
              "currency "
                  + amount.currency()
                  + " does not match the account's "
                  + state.balance().currency());
    }
    return null;
  }

  @Override
  public AccountState evolve(AccountState state, AccountEvent event) {
    return switch (event) {
      case Opened o ->
          new AccountState(AccountState.Status.OPEN, o.owner(), Money.of(0, o.currency()));
      case Deposited d ->
          new AccountState(
              state.status(), state.owner(), state.balance().plus(d.amount().minorUnits()));
      case Withdrawn w ->
          new AccountState(
              state.status(), state.owner(), state.balance().minus(w.amount().minorUnits()));
      case Closed c -> new AccountState(AccountState.Status.CLOSED, state.owner(), state.balance());
    };
  }
}
