package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;

/**
 * A row of the balances view: one per account.
 *
 * @param accountId the account
 * @param owner its owner; {@code null} until it is opened
 * @param balance what it holds; {@code null} until it is opened
 * @param status whether it is open
 */
@TypeName("ledger.account-balance")
public record AccountBalance(
    String accountId, String owner, Money balance, AccountState.Status status) {}
