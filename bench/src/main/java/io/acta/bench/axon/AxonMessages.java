package io.acta.bench.axon;

import io.acta.examples.ledger.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The account commands and events of the Axon reference: the same shapes as the ledger's. */
public final class AxonMessages {
  private AxonMessages() {}

  /** Creates the account aggregate. */
  public record OpenAccount(
      @TargetAggregateIdentifier String accountId, String owner, String currency) {}

  /** Puts money in; the handler returns the new balance. */
  public record DepositMoney(@TargetAggregateIdentifier String accountId, Money amount) {}

  public record AccountOpened(String accountId, String owner, String currency) {}

  public record MoneyDeposited(String accountId, Money amount) {}
}
