package io.acta.examples.ledger;

import io.acta.api.entity.Done;
import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.examples.ledger.AlertCommand.Get;
import io.acta.examples.ledger.AlertCommand.Raise;
import io.acta.examples.ledger.AlertEvent.Raised;

/**
 * The alerts of one account (the entity id is the account's): large withdrawals, as a bank's
 * monitoring would record them. Written only by the {@link LedgerReactions#LARGE_WITHDRAWALS}
 * reaction; each alert once, however often the reaction delivers it.
 */
public final class Alerts implements EventSourcedEntity<AlertCommand<?>, AlertEvent, AlertState> {

  /** The alerts entity type, registered with the node. */
  public static final EntityType<AlertCommand<?>, AlertEvent, AlertState> TYPE =
      EntityType.of("alerts", new Alerts()).withSnapshots(100, 2);

  @Override
  public AlertState emptyState() {
    return AlertState.EMPTY;
  }

  @Override
  public Effect<AlertEvent, AlertState> decide(AlertState state, AlertCommand<?> command) {
    return switch (command) {
      case Get get -> effects().reply(get, state);
      case Raise r when r.amount() == null -> effects().invalid("amount is required");
      case Raise r ->
          effects()
              .persist(new Raised(r.amount(), r.withdrawalSequenceNr()))
              .thenReply(r, s -> Done.DONE);
    };
  }

  @Override
  public AlertState evolve(AlertState state, AlertEvent event) {
    return switch (event) {
      case Raised raised -> state.with(raised);
    };
  }
}
