package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;
import java.math.BigInteger;

/**
 * A row of the totals view: all accounts of one currency folded together.
 *
 * <p>The sums are {@link BigInteger}s: each account's balance fits in a {@code long}, but the sum
 * over many accounts, or of every deposit an account ever had, need not. Their JSON is the same
 * numbers a {@code long} gave, so rows stored before read unchanged, and the type keeps version 1.
 *
 * @param currency the currency, the row's key
 * @param accountsOpened how many accounts in it were ever opened
 * @param deposited all money deposited, in minor units
 * @param withdrawn all money withdrawn, in minor units
 * @param balance what all accounts hold together
 */
@TypeName("ledger.currency-totals")
public record CurrencyTotals(
    String currency,
    long accountsOpened,
    BigInteger deposited,
    BigInteger withdrawn,
    BigInteger balance) {}
