package io.acta.examples.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.Done;
import io.acta.api.security.Caller;
import io.acta.examples.ledger.AccountCommand.Close;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.AccountCommand.Withdraw;
import io.acta.examples.ledger.AccountEvent.Closed;
import io.acta.examples.ledger.AccountEvent.Deposited;
import io.acta.examples.ledger.AccountEvent.Opened;
import io.acta.examples.ledger.AccountEvent.Withdrawn;
import io.acta.testkit.EntityTestKit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The account's rules, on its own decide and evolve; every type also round-trips the serializer.
 */
class AccountTest {
  private static final Money TEN = Money.of(1000, "EUR");

  private final EntityTestKit<AccountCommand<?>, AccountEvent, AccountState> account =
      EntityTestKit.of(Account.TYPE);
  private final EntityTestKit<AccountCommand<?>, AccountEvent, AccountState> opened =
      account.given(new Opened("ada", "EUR"));

  @Test
  void onlyItsOwnerATellerOrTheLedgerMovesMoneyOutOfAnAccount() {
    var funded = opened.given(new Deposited(TEN));
    Caller bob = Caller.user("bob", Set.of("ledger.write"), Set.of(), Map.of());
    funded
        .when(new Withdraw(TEN, "k1", bob))
        .thenForbidden("only the account's owner may withdraw from it");
    funded
        .when(new Withdraw(TEN, "k1", Caller.anonymous()))
        .thenForbidden("only the account's owner may withdraw from it");
    Caller ada = Caller.user("ada", Set.of("ledger.write"), Set.of(), Map.of());
    funded.when(new Withdraw(TEN, "k1", ada)).thenEvents(new Withdrawn(TEN));
    Caller teller = Caller.user("tom", Set.of(), Set.of("teller"), Map.of());
    funded.when(new Withdraw(TEN, "k1", teller)).thenEvents(new Withdrawn(TEN));
    funded.when(new Withdraw(TEN, "k1")).thenEvents(new Withdrawn(TEN));
  }

  @Test
  void aCustomerOpensAccountsInHerOwnNameOnly() {
    Caller bob = Caller.user("bob", Set.of("ledger.write"), Set.of(), Map.of());
    account
        .when(new Open("ada", "EUR", bob))
        .thenForbidden("an account can be opened in the caller's own name only");
    account.when(new Open("bob", "EUR", bob)).thenEvents(new Opened("bob", "EUR"));
  }

  @Test
  void opensOnce() {
    account
        .when(new Open("ada", "EUR"))
        .thenReply(Done.DONE)
        .thenEvents(new Opened("ada", "EUR"))
        .thenState(new AccountState(AccountState.Status.OPEN, "ada", Money.of(0, "EUR")));
    opened.when(new Open("bob", "EUR")).thenRejected("account already exists");
  }

  @Test
  void openingNeedsAnOwnerAndACurrency() {
    account.when(new Open(" ", "EUR")).thenInvalid("owner must not be blank");
    account
        .when(new Open("ada", "euro"))
        .thenInvalid("currency must be a three-letter ISO 4217 code, was euro");
  }

  @Test
  void depositsAndWithdrawalsMoveTheBalance() {
    opened.when(new Deposit(TEN, "k1")).thenReply(TEN).thenEvents(new Deposited(TEN));
    opened
        .given(new Deposited(TEN))
        .when(new Withdraw(Money.of(400, "EUR"), "k2"))
        .thenReply(Money.of(600, "EUR"))
        .thenEvents(new Withdrawn(Money.of(400, "EUR")));
  }

  @Test
  void withdrawingMoreThanTheBalanceIsRejected() {
    opened
        .given(new Deposited(TEN))
        .when(new Withdraw(Money.of(1001, "EUR"), "k"))
        .thenRejected("insufficient funds");
  }

  @Test
  void aDepositThatWouldOverflowTheBalanceIsRejectedAndLeavesItUnchanged() {
    var full = opened.given(new Deposited(Money.of(Long.MAX_VALUE, "EUR")));
    full.when(new Deposit(Money.of(1, "EUR"), null))
        .thenRejected(
            "the deposit would take the balance over the most an account can hold"
                + " (9223372036854775807 minor units)")
        .thenNoEvents()
        .thenState(
            new AccountState(AccountState.Status.OPEN, "ada", Money.of(Long.MAX_VALUE, "EUR")));
    full.when(new Withdraw(Money.of(1, "EUR"), null))
        .thenReply(Money.of(Long.MAX_VALUE - 1, "EUR"));
  }

  @Test
  void movementsAreValidated() {
    opened.when(new Deposit(Money.of(0, "EUR"), null)).thenInvalid("amount must be positive");
    opened.when(new Withdraw(Money.of(-5, "EUR"), null)).thenInvalid("amount must be positive");
    opened
        .when(new Deposit(Money.of(5, "USD"), null))
        .thenInvalid("currency USD does not match the account's EUR");
    account.when(new Deposit(TEN, null)).thenRejected("account is not open");
  }

  @Test
  void closesOnlyWhenEmpty() {
    opened.given(new Deposited(TEN)).when(new Close()).thenRejected("balance is not zero");
    opened
        .given(new Deposited(TEN), new Withdrawn(TEN))
        .when(new Close())
        .thenReply(Done.DONE)
        .thenEvents(new Closed());
    account.when(new Close()).thenRejected("account is not open");
    opened.given(new Closed()).when(new Deposit(TEN, null)).thenRejected("account is not open");
  }

  @Test
  void getRepliesWithTheStateAndPersistsNothing() {
    var state = opened.given(new Deposited(TEN)).when(new Get()).thenNoEvents().reply();
    assertThat(state.balance()).isEqualTo(TEN);
    assertThat(state.owner()).isEqualTo("ada");
  }

  @Test
  void multiStepScenarios() {
    var afterTwoDeposits = opened.andThen(new Deposit(TEN, "a")).andThen(new Deposit(TEN, "b"));
    assertThat(afterTwoDeposits.state().balance()).isEqualTo(Money.of(2000, "EUR"));
  }

  @Test
  void moneyRejectsAnImpossibleCurrency() {
    assertThatThrownBy(() -> Money.of(1, "eu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO 4217");
  }
}
