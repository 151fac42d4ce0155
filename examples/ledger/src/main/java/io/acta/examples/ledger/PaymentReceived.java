package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;

/**
 * A payment an outside payment system received for an account, read from topic {@code
 * payments.incoming}: JSON such as {@code {"paymentId": "p-1", "account": "acc-1", "amount":
 * {"minorUnits": 1000, "currency": "EUR"}}}. The ledger deposits it; the payment id makes a payment
 * sent twice a single deposit.
 */
@TypeName("payments.payment-received")
public record PaymentReceived(String paymentId, String account, Money amount) {
  /** A payment names itself, its account and an amount; anything less is refused when read. */
  public PaymentReceived {
    if (paymentId == null || paymentId.isBlank())
      throw new IllegalArgumentException("no paymentId");
    if (account == null || account.isBlank()) throw new IllegalArgumentException("no account");
    if (amount == null) throw new IllegalArgumentException("no amount");
  }
}
