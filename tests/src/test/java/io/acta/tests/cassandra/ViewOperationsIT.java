package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.Acknowledged;
import io.acta.api.entity.WritePosition;
import io.acta.api.view.HandlerType;
import io.acta.api.view.ProjectionStatus;
import io.acta.api.view.RebuildResult;
import io.acta.api.view.Versioned;
import io.acta.api.view.ViewNotReachedException;
import io.acta.api.view.ViewOperations;
import io.acta.api.view.ViewQueries;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountBalance;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import io.acta.tests.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What operators and readers do with views: read their writes, skip a poison event, rebuild while
 * serving.
 */
class ViewOperationsIT {
  private static final Duration CATCH_UP = Duration.ofSeconds(90);

  private static ActaNode node(String name, String keyspace, Projections views) {
    return CassandraNodes.ledger(
        name,
        keyspace,
        views,
        "acta.projections { handler-retries = 0, restart-backoff { min = 100ms, max = 500ms },"
            + " version-check-interval = 500ms, rebuild-progress-interval = 200ms }");
  }

  @Test
  void aReaderSeesItsOwnWriteWithoutPollingAndARawHandlerSeesEveryEventInOrder() {
    List<Long> audited = new CopyOnWriteArrayList<>();
    var audit =
        HandlerType.of(
            "audit",
            Account.TYPE,
            event -> {
              if (event.entityId().equals("ryw-1")) audited.add(event.sequenceNr());
              return CompletableFuture.completedFuture(null);
            });
    try (ActaNode node =
        node("ryw", "views_ryw", Projections.of(LedgerViews.BALANCES).withHandlers(audit))) {
      ViewQueries views = node.extension(Projections.class).queries();
      ViewOperations operations = node.extension(Projections.class).operations();
      var account = node.entity(Account.TYPE, "ryw-1");
      account.ask(new Open("ada", "EUR")).toCompletableFuture().join();

      for (int i = 1; i <= 5; i++) {
        Acknowledged<Money> ack =
            account
                .askWithPosition(new Deposit(Money.of(100, "EUR"), "d" + i))
                .toCompletableFuture()
                .join();
        AccountBalance row =
            views
                .get(LedgerViews.BALANCES, "ryw-1", ack.position(), Duration.ofSeconds(10))
                .toCompletableFuture()
                .join()
                .orElseThrow();
        assertThat(row.balance()).isEqualTo(ack.reply()).isEqualTo(Money.of(100L * i, "EUR"));
      }

      var never = new WritePosition("account", "ryw-1", 1_000);
      assertThatThrownBy(
              () ->
                  views
                      .get(LedgerViews.BALANCES, "ryw-1", never, Duration.ofMillis(300))
                      .toCompletableFuture()
                      .join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(ViewNotReachedException.class)
          .hasMessageContaining("has not reached account|ryw-1 #1000 within 300 ms");

      // The raw handler got the user's events (opened, five deposits), in journal order, and none
      // of
      // the runtime's own records. At least once: a repeat would show as a duplicate here.
      Eventually.await(CATCH_UP, () -> List.copyOf(audited), a -> a.size() >= 6);
      assertThat(audited).containsExactly(1L, 2L, 4L, 6L, 8L, 10L);
    }
  }

  @Test
  void aPoisonEventIsReportedAndSkippedOnlyWhenAnOperatorSaysSo() {
    try (ActaNode node = node("poison", "views_poison", Projections.of(PoisonableBalances.TYPE))) {
      ViewQueries views = node.extension(Projections.class).queries();
      ViewOperations operations = node.extension(Projections.class).operations();
      var account = node.entity(Account.TYPE, "p-1");
      account.ask(new Open("ada", "EUR")).toCompletableFuture().join();
      account
          .ask(new Deposit(Money.of(PoisonableBalances.POISON, "EUR"), "poison"))
          .toCompletableFuture()
          .join();
      account.ask(new Deposit(Money.of(10, "EUR"), "after")).toCompletableFuture().join();

      var failing =
          Eventually.await(
                  CATCH_UP, operations::status, s -> s.stream().anyMatch(p -> p.failure() != null))
              .stream()
              .filter(p -> p.failure() != null)
              .findFirst()
              .orElseThrow();
      assertThat(failing.failure().persistenceId()).isEqualTo("account|p-1");
      assertThat(failing.failure().sequenceNr()).isEqualTo(2);
      assertThat(failing.failure().message()).contains("cannot fold 666");
      assertThat(failing.eventsBehind()).isPositive();
      // Not skipped silently: the view stays before the poison event, and so before the next one
      // too.
      assertThat(
              views
                  .get(PoisonableBalances.TYPE, "p-1")
                  .toCompletableFuture()
                  .join()
                  .orElseThrow()
                  .balance())
          .isEqualTo(Money.of(0, "EUR"));

      operations.skip(PoisonableBalances.TYPE, "account|p-1", 2).toCompletableFuture().join();

      AccountBalance row =
          Eventually.await(
                  CATCH_UP,
                  () -> views.get(PoisonableBalances.TYPE, "p-1").toCompletableFuture().join(),
                  r -> r.isPresent() && r.get().balance().equals(Money.of(10, "EUR")))
              .orElseThrow();
      assertThat(row.owner()).isEqualTo("ada");
      Eventually.await(
          CATCH_UP,
          operations::status,
          s -> s.stream().allMatch(p -> p.caughtUp() && p.failure() == null));
    }
  }

  @Test
  void aRebuildKeepsServingAndSwitchesOverOnceCaughtUp() {
    try (ActaNode node = node("rebuild", "views_rebuild", Projections.of(LedgerViews.BALANCES))) {
      ViewQueries views = node.extension(Projections.class).queries();
      ViewOperations operations = node.extension(Projections.class).operations();
      int accounts = 12;
      for (int a = 0; a < accounts; a++) {
        var ref = node.entity(Account.TYPE, "r-" + a);
        ref.ask(new Open("owner", "EUR")).toCompletableFuture().join();
        for (int d = 1; d <= 5; d++)
          ref.ask(new Deposit(Money.of(d, "EUR"), "d" + d)).toCompletableFuture().join();
      }
      Eventually.await(
          CATCH_UP, operations::status, s -> s.stream().allMatch(ProjectionStatus::caughtUp));
      Money expected = Money.of(15, "EUR");
      for (int a = 0; a < accounts; a++) {
        String id = "r-" + a;
        Eventually.await(
            CATCH_UP,
            () -> views.get(LedgerViews.BALANCES, id).toCompletableFuture().join(),
            r -> r.isPresent() && r.get().balance().equals(expected));
      }

      // A live stream opened before the rebuild must follow the switch-over, not freeze on v1.
      List<Versioned<AccountBalance>> streamed = new CopyOnWriteArrayList<>();
      views
          .updates(LedgerViews.BALANCES, "r-0", 0)
          .subscribe(
              new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                  subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(Versioned<AccountBalance> item) {
                  streamed.add(item);
                }

                @Override
                public void onError(Throwable error) {}

                @Override
                public void onComplete() {}
              });

      CompletableFuture<RebuildResult> rebuild =
          operations.rebuild(LedgerViews.BALANCES).toCompletableFuture();
      // Asked twice (two operators at once), one rebuild runs: the second request joins it.
      assertThat(operations.rebuild(LedgerViews.BALANCES)).isSameAs(rebuild);
      AtomicInteger reads = new AtomicInteger();
      while (!rebuild.isDone()) {
        // Every read during the rebuild is answered, in full, by the serving version.
        String id = "r-" + (reads.getAndIncrement() % accounts);
        Optional<AccountBalance> row =
            views.get(LedgerViews.BALANCES, id).toCompletableFuture().join();
        assertThat(row)
            .as("read %d of %s during the rebuild", reads.get(), id)
            .hasValueSatisfying(r -> assertThat(r.balance()).isEqualTo(expected));
      }
      RebuildResult result = rebuild.join();

      assertThat(result.fromVersion()).isEqualTo(1);
      assertThat(result.toVersion()).isEqualTo(2);
      // Per account: opened, and five deposits each with its idempotency record.
      assertThat(result.events()).isEqualTo(accounts * 11L);
      assertThat(reads.get()).isPositive();
      for (int a = 0; a < accounts; a++) {
        assertThat(views.get(LedgerViews.BALANCES, "r-" + a).toCompletableFuture().join())
            .hasValueSatisfying(r -> assertThat(r.balance()).isEqualTo(expected));
      }
      node.entity(Account.TYPE, "r-0")
          .ask(new Deposit(Money.of(1, "EUR"), "after"))
          .toCompletableFuture()
          .join();
      Eventually.await(
          CATCH_UP,
          () -> views.get(LedgerViews.BALANCES, "r-0").toCompletableFuture().join(),
          r -> r.isPresent() && r.get().balance().equals(Money.of(16, "EUR")));
      assertThat(operations.status()).allSatisfy(s -> assertThat(s.version()).isEqualTo(2));
      // The retired version's meters go with it (each slice retires it within a version check);
      // the serving version's stay.
      assertThat(
              Eventually.await(CATCH_UP, () -> processedMeterVersions(node), v -> !v.contains("1")))
          .containsExactly("2");
      Eventually.await(
          CATCH_UP,
          () -> List.copyOf(streamed),
          s -> !s.isEmpty() && s.getLast().row().balance().equals(Money.of(16, "EUR")));
      assertThat(streamed)
          .extracting(Versioned::version)
          .as("versions keep growing across the switch-over")
          .isSorted()
          .doesNotHaveDuplicates();
      System.out.printf(
          "rebuilt %d events in %d ms while serving %d reads%n",
          result.events(), result.took().toMillis(), reads.get());
    }
  }

  /** The view versions that {@code acta.projection.events.processed} has meters for. */
  private static Set<String> processedMeterVersions(ActaNode node) {
    return node.meters().find("acta.projection.events.processed").meters().stream()
        .map(m -> m.getId().getTag("version"))
        .filter(Objects::nonNull)
        .collect(Collectors.toSet());
  }
}
