package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;
import java.util.regex.Pattern;

/**
 * An amount of money in integer minor units (cents for EUR), never a floating point number.
 *
 * @param minorUnits the amount, e.g. 1050 for EUR 10.50
 * @param currency the ISO 4217 code, e.g. "EUR"
 */
@TypeName("ledger.money")
public record Money(long minorUnits, String currency) {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  public Money {
    if (!isCurrency(currency)) {
      throw new IllegalArgumentException(
          "currency must be a three-letter ISO 4217 code, was " + currency);
    }
  }

  /** Whether {@code code} has the shape of an ISO 4217 currency code. */
  public static boolean isCurrency(String code) {
    return code != null && CURRENCY.matcher(code).matches();
  }

  public static Money of(long minorUnits, String currency) {
    return new Money(minorUnits, currency);
  }

  /** Whether {@link #plus} of {@code amount} fits in a {@code long}. */
  public boolean canAdd(long amount) {
    return amount >= 0
        ? minorUnits <= Long.MAX_VALUE - amount
        : minorUnits >= Long.MIN_VALUE - amount;
  }

  /** This amount and {@code amount} more; throws rather than wrap around on overflow. */
  public Money plus(long amount) {
    return new Money(Math.addExact(minorUnits, amount), currency);
  }

  /** This amount less {@code amount}; throws rather than wrap around on overflow. */
  public Money minus(long amount) {
    return new Money(Math.subtractExact(minorUnits, amount), currency);
  }
}
