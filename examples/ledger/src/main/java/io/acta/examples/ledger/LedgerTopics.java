package io.acta.examples.ledger;

import io.acta.api.reaction.Send;
import io.acta.api.topic.Publication;
import io.acta.api.topic.Subscription;
import java.util.List;
import java.util.Optional;

/** What the ledger publishes to Kafka and what it consumes from it. */
public final class LedgerTopics {
  private LedgerTopics() {}

  /** Every account's events, as {@link AccountMessage}s, keyed by account id. */
  public static final Publication<AccountEvent, AccountMessage> ACCOUNT_EVENTS =
      Publication.of(
          "account-events",
          Account.TYPE,
          "ledger.account-events",
          AccountMessage.class,
          event ->
              Optional.of(
                  switch (event.payload()) {
                    case AccountEvent.Opened o ->
                        new AccountMessage.AccountOpened(event.entityId(), o.owner(), o.currency());
                    case AccountEvent.Deposited d ->
                        new AccountMessage.MoneyDeposited(event.entityId(), d.amount());
                    case AccountEvent.Withdrawn w ->
                        new AccountMessage.MoneyWithdrawn(event.entityId(), w.amount());
                    case AccountEvent.Closed c ->
                        new AccountMessage.AccountClosed(event.entityId());
                  }));

  /**
   * Payments received by the outside payment system, each deposited into its account once, however
   * often it is read or sent.
   */
  public static final Subscription<PaymentReceived> PAYMENTS =
      Subscription.of(
              "payments",
              "payments.incoming",
              PaymentReceived.class,
              message ->
                  List.<Send<?>>of(
                      Send.to(
                          Account.TYPE,
                          message.payload().account(),
                          key -> new AccountCommand.Deposit(message.payload().amount(), key))))
          .withMessageId(message -> message.payload().paymentId());
}
