package io.acta.http.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.security.Access;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which rule guards an operation: configuration over code, a command over its type, else no one.
 */
class AccessRulesTest {
  private static final Map<String, Access> CODE =
      Map.of(
          "account", Access.scope("ledger.write"),
          "account.read", Access.scope("ledger.read"),
          "account.close", Access.role("teller"),
          "views.balances", Access.scope("ledger.read"));

  @Test
  void aCommandTakesItsOwnRuleElseItsTypesAndAnythingWithoutOneIsDenied() {
    AccessRules rules = AccessRules.of(CODE, List.of());
    assertThat(rules.command("account", "close")).isEqualTo(Access.role("teller"));
    assertThat(rules.command("account", "deposit")).isEqualTo(Access.scope("ledger.write"));
    assertThat(rules.read("account")).isEqualTo(Access.scope("ledger.read"));
    assertThat(rules.view("balances")).isEqualTo(Access.scope("ledger.read"));
    assertThat(rules.command("transfer", "start")).isEqualTo(Access.nobody());
    assertThat(rules.view("history")).isEqualTo(Access.nobody());
    assertThat(rules.metrics()).isEqualTo(Access.nobody());
  }

  @Test
  void configurationWinsOverCodeTargetByTarget() {
    AccessRules rules =
        AccessRules.of(
            CODE,
            List.of(
                "account.close = role:teller or role:auditor",
                "views.history = authenticated",
                " metrics=role:operator "));
    assertThat(rules.command("account", "close"))
        .isEqualTo(Access.role("teller").or(Access.role("auditor")));
    assertThat(rules.command("account", "deposit")).isEqualTo(Access.scope("ledger.write"));
    assertThat(rules.view("history")).isEqualTo(Access.authenticated());
    assertThat(rules.metrics()).isEqualTo(Access.role("operator"));
  }

  @Test
  void aDevelopmentTokenCarriesEveryScopeAndRoleTheRulesName() {
    AccessRules rules = AccessRules.of(CODE, List.of("views.totals = role:auditor or claim:a=b"));
    assertThat(rules.scopes()).containsExactly("ledger.read", "ledger.write");
    assertThat(rules.roles()).containsExactly("auditor", "teller");
  }

  @Test
  void aConfiguredLineThatIsNotTargetEqualsRuleIsRefused() {
    assertThat(AccessRules.valid("account.close = role:teller")).isTrue();
    assertThat(AccessRules.valid("account.close role:teller")).isFalse();
    assertThat(AccessRules.valid("account.close = role teller")).isFalse();
    assertThatThrownBy(() -> AccessRules.of(Map.of(), List.of("= anyone")))
        .hasMessageContaining("is not 'target = rule'");
  }
}
