package io.acta.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Access rules as code and configuration write them, and whom they let in. */
class AccessTest {
  private static final Caller READER =
      Caller.user("ada", Set.of("ledger.read"), Set.of(), Map.of("tenant", "acme"));
  private static final Caller TELLER = Caller.user("tom", Set.of(), Set.of("teller"), Map.of());

  @Test
  void rulesReadFromConfigurationAreTheRulesCodeWrites() {
    assertThat(Access.parse("scope:ledger.read or role:teller"))
        .isEqualTo(Access.scope("ledger.read").or(Access.role("teller")));
    assertThat(Access.parse("claim:tenant=acme")).isEqualTo(Access.claim("tenant", "acme"));
    for (String text :
        new String[] {"anyone", "authenticated", "nobody", "scope:a or role:b or claim:c=d"})
      assertThat(Access.parse(text)).hasToString(text);
  }

  @Test
  void eachRuleLetsInWhomItNames() {
    Access read = Access.parse("scope:ledger.read or role:teller");
    assertThat(read.allows(READER)).isTrue();
    assertThat(read.allows(TELLER)).isTrue();
    assertThat(read.allows(Caller.anonymous())).isFalse();
    assertThat(Access.claim("tenant", "acme").allows(READER)).isTrue();
    assertThat(Access.claim("tenant", "acme").allows(TELLER)).isFalse();
    assertThat(Access.authenticated().allows(TELLER)).isTrue();
    assertThat(Access.authenticated().allows(Caller.anonymous())).isFalse();
    assertThat(Access.anyone().allows(Caller.anonymous())).isTrue();
    assertThat(Access.nobody().allows(TELLER)).isFalse();
  }

  @Test
  void aRuleThatIsNotUnderstoodIsNamedInTheError() {
    assertThatThrownBy(() -> Access.parse("scope ledger.read"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'scope ledger.read'");
    assertThatThrownBy(() -> Access.parse("claim:tenant"))
        .hasMessageContaining("claim:<name>=<value>");
  }
}
