package io.acta.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeclaredRouteTest {

  @Test
  void aCommandRouteSplitsIntoTheSegmentsAroundItsPlaceholder() {
    var route = DeclaredRoute.of("/wallets/{id}/payments", Wallet.TYPE, Wallet.Pay.class, null);

    assertThat(route.prefix()).containsExactly("wallets");
    assertThat(route.suffix()).containsExactly("payments");
    assertThat(route.isCommand()).isTrue();
  }

  @Test
  void aViewRouteMayEndWithItsPlaceholder() {
    var route = DeclaredRoute.of("/v1/wallets/{key}", null, null, null);

    assertThat(route.prefix()).containsExactly("v1", "wallets");
    assertThat(route.suffix()).isEmpty();
    assertThat(route.isCommand()).isFalse();
  }

  @Test
  void aTemplateMustStartWithASlash() {
    assertThatThrownBy(() -> DeclaredRoute.of("wallets/{id}", Wallet.TYPE, Wallet.Pay.class, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route 'wallets/{id}' must start with '/'");
  }

  @Test
  void aTemplateMayHaveNoEmptySegment() {
    assertThatThrownBy(
            () -> DeclaredRoute.of("/wallets//{id}", Wallet.TYPE, Wallet.Pay.class, null))
        .hasMessage("route '/wallets//{id}' has an empty segment");
    assertThatThrownBy(
            () -> DeclaredRoute.of("/wallets/{id}/", Wallet.TYPE, Wallet.Pay.class, null))
        .hasMessage("route '/wallets/{id}/' has an empty segment");
  }

  @Test
  void aTemplateNeedsExactlyOnePlaceholder() {
    assertThatThrownBy(() -> DeclaredRoute.of("/wallets", Wallet.TYPE, Wallet.Pay.class, null))
        .hasMessage("route '/wallets' needs exactly one {placeholder} for the id or key");
    assertThatThrownBy(
            () -> DeclaredRoute.of("/wallets/{id}/to/{other}", Wallet.TYPE, Wallet.Pay.class, null))
        .hasMessage(
            "route '/wallets/{id}/to/{other}' needs exactly one {placeholder} for the id or key");
  }

  @Test
  void aCommandRouteMustNameACommandOfItsEntityType() {
    assertThatThrownBy(
            () -> DeclaredRoute.of("/wallets/{id}", Wallet.TYPE, Wallet.Paid.class, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("is not a command of entity type 'wallet'");
  }
}
