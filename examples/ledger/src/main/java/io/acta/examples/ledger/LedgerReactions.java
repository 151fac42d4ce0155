package io.acta.examples.ledger;

import io.acta.api.reaction.ReactionType;
import io.acta.api.reaction.Send;
import io.acta.examples.ledger.AccountEvent.Withdrawn;
import java.util.List;

/** What the ledger's events lead to elsewhere. */
public final class LedgerReactions {
  private LedgerReactions() {}

  /** A withdrawal of at least this many minor units (1,000.00) raises an alert. */
  public static final long LARGE_WITHDRAWAL = 100_000;

  /** Each large withdrawal raises an alert on its account's {@link Alerts}, once. */
  public static final ReactionType<AccountEvent> LARGE_WITHDRAWALS =
      ReactionType.of(
          "large-withdrawals",
          Account.TYPE,
          event ->
              switch (event.payload()) {
                case Withdrawn w when w.amount().minorUnits() >= LARGE_WITHDRAWAL ->
                    List.of(
                        Send.to(
                            Alerts.TYPE,
                            event.entityId(),
                            key -> new AlertCommand.Raise(w.amount(), event.sequenceNr(), key)));
                default -> List.of();
              });
}
