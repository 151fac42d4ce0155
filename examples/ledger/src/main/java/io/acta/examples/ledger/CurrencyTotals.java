package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;

/**
 * A row of the totals view: all accounts of one currency folded together.
 *
 * @param currency the currency, the row's key
 * @param accountsOpened how many accounts in it were ever opened
 * @param deposited all money deposited, in minor units
 * @param withdrawn all money withdrawn, in minor units
 * @param balance what all accounts hold together
 */
@TypeName("ledger.currency-totals")
public record CurrencyTotals(
    String currency, long accountsOpened, long deposited, long withdrawn, long balance) {}
