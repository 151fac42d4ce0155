package io.acta.examples.ledger;

import io.acta.api.entity.TypeName;
import java.time.Instant;
import java.util.List;

/**
 * A row of the history view: an account's latest movements, newest last.
 *
 * @param accountId the account
 * @param balance the balance after the latest movement; {@code null} until the account is opened
 * @param movements at most {@link #KEEP} of the latest movements
 * @param total how many movements the account has had in all
 */
@TypeName("ledger.account-history")
public record AccountHistory(
    String accountId, Money balance, List<Movement> movements, long total) {
  /** How many movements a row keeps: older ones are in the journal. */
  public static final int KEEP = 100;

  /**
   * One movement of money.
   *
   * @param sequenceNr the event's position in the account's journal
   * @param at when it happened
   * @param kind "deposit" or "withdrawal"
   * @param amount how much
   * @param balanceAfter the balance after it
   */
  public record Movement(
      long sequenceNr, Instant at, String kind, Money amount, Money balanceAfter) {}
}
