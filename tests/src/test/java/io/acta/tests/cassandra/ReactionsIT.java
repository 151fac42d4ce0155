package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.api.entity.EntityType;
import io.acta.api.reaction.ReactionOperations;
import io.acta.api.reaction.ReactionType;
import io.acta.api.reaction.Send;
import io.acta.api.view.ProjectionStatus;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.AccountCommand.Withdraw;
import io.acta.examples.ledger.AccountEvent;
import io.acta.examples.ledger.AccountState;
import io.acta.examples.ledger.AlertCommand;
import io.acta.examples.ledger.AlertState;
import io.acta.examples.ledger.Alerts;
import io.acta.examples.ledger.LedgerReactions;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import io.acta.runtime.internal.views.FaultInjection;
import io.acta.tests.Eventually;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reactions on the real Cassandra: the ledger's large-withdrawal alerts raised once each, also when
 * a restarted node delivers the same events again; a target's rejection passed over; an event the
 * reaction keeps failing on reported with its position, and passed over only when an operator says
 * so.
 */
class ReactionsIT {
  private static final Duration CATCH_UP = Duration.ofSeconds(90);
  private static final List<EntityType<?, ?, ?>> ALERTS = List.of(Alerts.TYPE);

  /**
   * A restarted reaction resumes max-delay before its stored offset (see the Cassandra store's
   * reference.conf); a minute here, so that the restart below surely delivers every event again.
   */
  private static final String CONFIG =
      "acta.projections { handler-retries = 0, restart-backoff { min = 100ms, max = 500ms } },"
          + " acta.persistence.cassandra.events-by-tag.max-delay = 60s";

  private static Money eur(long minorUnits) {
    return Money.of(minorUnits, "EUR");
  }

  private static ActaNode node(String name, String keyspace, ReactionType<?> reaction) {
    return CassandraNodes.ledger(
        name, keyspace, Projections.of().withReactions(reaction), CONFIG, ALERTS);
  }

  @Test
  void eachLargeWithdrawalRaisesOneAlertAlsoWhenItsEventsAreDeliveredAgain() {
    long large = LedgerReactions.LARGE_WITHDRAWAL;
    Map<String, Integer> expected = Map.of("big-1", 2, "big-2", 1, "big-3", 0);
    // The first incarnation sends every alert but crashes before recording its progress, group
    // after group, as a node dying at that moment would: only the alerts' keys can tell the next
    // incarnation's sends from new ones.
    FaultInjection.beforeProgress(
        () -> {
          throw new IllegalStateException("injected crash before the reaction's progress");
        });
    try (ActaNode node = node("alerts-1", "reactions_alerts", LedgerReactions.LARGE_WITHDRAWALS)) {
      for (String id : expected.keySet()) {
        var account = node.entity(Account.TYPE, id);
        account.ask(new Open("ada", "EUR")).toCompletableFuture().join();
        account.ask(new Deposit(eur(10 * large), id + "-d")).toCompletableFuture().join();
        for (int i = 0; i < expected.get(id); i++)
          account.ask(new Withdraw(eur(large + i), id + "-w" + i)).toCompletableFuture().join();
        account.ask(new Withdraw(eur(large - 1), id + "-small")).toCompletableFuture().join();
      }
      awaitAlerts(node, expected);
    } finally {
      FaultInjection.beforeProgress(null);
    }
    // A new incarnation delivers the events again from before its stored offset: every alert is
    // sent again, and recognised by its key.
    try (ActaNode node = node("alerts-2", "reactions_alerts", LedgerReactions.LARGE_WITHDRAWALS)) {
      // Every alert sent again (the counter appears with the first command the reaction sends).
      Eventually.await(
          CATCH_UP,
          () -> {
            Counter accepted =
                node.meters()
                    .find("acta.reaction.commands")
                    .tags("reaction", "large-withdrawals", "outcome", "accepted")
                    .counter();
            return accepted == null ? 0 : accepted.count();
          },
          c -> c >= 3);
      awaitCaughtUp(node);
      for (var e : expected.entrySet()) {
        AlertState state = alerts(node, e.getKey());
        assertThat(state.count())
            .as("alerts of %s after redelivery", e.getKey())
            .isEqualTo(e.getValue().longValue());
        assertThat(state.latest())
            .extracting(r -> r.amount().minorUnits())
            .as("amounts of the alerts of %s", e.getKey())
            .allMatch(a -> a >= large);
      }
    }
  }

  /**
   * Copies each deposit of an account to its "shadow-" account: rejected where there is none;
   * throws on a deposit of {@value #POISON}.
   */
  static final long POISON = 666;

  static final ReactionType<AccountEvent> SHADOW =
      ReactionType.of(
          "shadow-deposits",
          Account.TYPE,
          event ->
              switch (event.payload()) {
                case AccountEvent.Deposited d when event.entityId().startsWith("shadow-") ->
                    List.of();
                case AccountEvent.Deposited d when d.amount().minorUnits() == POISON ->
                    throw new IllegalStateException("cannot copy " + POISON);
                case AccountEvent.Deposited d ->
                    List.of(
                        Send.to(
                            Account.TYPE,
                            "shadow-" + event.entityId(),
                            key -> new Deposit(d.amount(), key)));
                default -> List.of();
              });

  @Test
  void aFailingEventStopsTheReactionUntilAnOperatorSkipsItAndARejectionIsPassedOver() {
    try (ActaNode node = node("shadow", "reactions_shadow", SHADOW)) {
      ReactionOperations operations = node.extension(Projections.class).reactions();
      var source = node.entity(Account.TYPE, "s-1");
      source.ask(new Open("ada", "EUR")).toCompletableFuture().join();
      node.entity(Account.TYPE, "shadow-s-1")
          .ask(new Open("ada", "EUR"))
          .toCompletableFuture()
          .join();
      // No shadow: the deposit's copy is rejected ("account is not open") and the reaction goes on.
      var unshadowed = node.entity(Account.TYPE, "s-2");
      unshadowed.ask(new Open("bob", "EUR")).toCompletableFuture().join();
      unshadowed.ask(new Deposit(eur(5), "u")).toCompletableFuture().join();

      source.ask(new Deposit(eur(10), "d1")).toCompletableFuture().join();
      // A keyed command's position is that of its idempotency record, stored right after its
      // event.
      long poisonAt =
          source
                  .askWithPosition(new Deposit(eur(POISON), "d2"))
                  .toCompletableFuture()
                  .join()
                  .position()
                  .sequenceNr()
              - 1;
      source.ask(new Deposit(eur(20), "d3")).toCompletableFuture().join();

      ProjectionStatus stuck =
          Eventually.await(
                  CATCH_UP, operations::status, s -> s.stream().anyMatch(p -> p.failure() != null))
              .stream()
              .filter(p -> p.failure() != null)
              .findFirst()
              .orElseThrow();
      assertThat(stuck.view()).isEqualTo("shadow-deposits");
      assertThat(stuck.failure().persistenceId()).isEqualTo("account|s-1");
      assertThat(stuck.failure().sequenceNr()).isEqualTo(poisonAt);
      assertThat(stuck.failure().message()).contains("cannot copy 666");
      assertThat(stuck.eventsBehind()).isPositive();
      // Stopped at the event, not past it: the deposit after it is not copied.
      assertThat(balance(node, "shadow-s-1")).isEqualTo(10);

      operations.skip(SHADOW, "account|s-1", poisonAt).toCompletableFuture().join();
      Eventually.await(CATCH_UP, () -> balance(node, "shadow-s-1"), b -> b == 30);
      Eventually.await(
          CATCH_UP,
          operations::status,
          s -> s.stream().allMatch(p -> p.caughtUp() && p.failure() == null));
      assertThat(balance(node, "shadow-s-1")).as("each copy applied once").isEqualTo(30);
      Counter rejected =
          node.meters()
              .find("acta.reaction.commands")
              .tags("reaction", "shadow-deposits", "outcome", "rejected")
              .counter();
      assertThat(rejected).isNotNull();
      // At least once: a rejected copy is not remembered, and is sent again with its group after a
      // failure.
      assertThat(rejected.count()).as("copies to the account without a shadow").isPositive();
    }
  }

  private static void awaitAlerts(ActaNode node, Map<String, Integer> expected) {
    for (var e : expected.entrySet())
      Eventually.await(
          CATCH_UP, () -> alerts(node, e.getKey()).count(), c -> c == e.getValue().longValue());
  }

  private static void awaitCaughtUp(ActaNode node) {
    Eventually.await(
        CATCH_UP,
        () -> node.extension(Projections.class).reactions().status(),
        s -> !s.isEmpty() && s.stream().allMatch(p -> p.caughtUp() && p.failure() == null));
  }

  private static AlertState alerts(ActaNode node, String account) {
    return node.entity(Alerts.TYPE, account)
        .ask(new AlertCommand.Get())
        .toCompletableFuture()
        .join();
  }

  private static long balance(ActaNode node, String account) {
    AccountState s =
        node.entity(Account.TYPE, account)
            .ask(new io.acta.examples.ledger.AccountCommand.Get())
            .toCompletableFuture()
            .join();
    return s.balance().minorUnits();
  }
}
