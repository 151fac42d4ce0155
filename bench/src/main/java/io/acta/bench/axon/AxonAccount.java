package io.acta.bench.axon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.acta.bench.axon.AxonMessages.AccountOpened;
import io.acta.bench.axon.AxonMessages.DepositMoney;
import io.acta.bench.axon.AxonMessages.MoneyDeposited;
import io.acta.bench.axon.AxonMessages.OpenAccount;
import io.acta.examples.ledger.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** The ledger's account as an Axon event-sourced aggregate, with the same checks as Acta's. */
public class AxonAccount {
  @AggregateIdentifier private String id;
  private String owner;
  private Money balance;

  /** For Axon, which creates the aggregate before sourcing it from its events. */
  protected AxonAccount() {}

  @CommandHandler
  public AxonAccount(OpenAccount command) {
    if (command.owner() == null || command.owner().isBlank())
      throw new IllegalArgumentException("owner must not be blank");
    if (!Money.isCurrency(command.currency()))
      throw new IllegalArgumentException("invalid currency");
    apply(new AccountOpened(command.accountId(), command.owner(), command.currency()));
  }

  @CommandHandler
  public Money handle(DepositMoney command) {
    Money amount = command.amount();
    if (amount == null || amount.minorUnits() <= 0)
      throw new IllegalArgumentException("amount must be positive");
    if (!amount.currency().equals(balance.currency()))
      throw new IllegalArgumentException("currency does not match");
    // apply() runs the event sourcing handler at once: the balance is the new one here.
    apply(new MoneyDeposited(id, amount));
    return balance;
  }

  @EventSourcingHandler
  void on(AccountOpened event) {
    id = event.accountId();
    owner = event.owner();
    balance = Money.of(0, event.currency());
  }

  @EventSourcingHandler
  void on(MoneyDeposited event) {
    balance = balance.plus(event.amount().minorUnits());
  }

  String owner() {
    return owner;
  }
}
