package io.acta.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acta.api.entity.EntityType;
import io.acta.api.security.Caller;
import io.acta.runtime.spi.JsonMappers;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandCatalogTest {
  /** HttpApi's. */
  private static final ObjectMapper STRICT = JsonMappers.strictInput();

  private final CommandCatalog catalog =
      new CommandCatalog(List.<EntityType<?, ?, ?>>of(Wallet.TYPE), STRICT);

  private ApiError refused(String type, String name, String body) {
    ApiError error =
        catchThrowableOfType(
            ApiError.class, () -> catalog.bind(type, name, body, null, Caller.anonymous()));
    assertThat(error).as("binding %s %s", name, body).isNotNull();
    assertThat(error.getMessage())
        .as("the message names no Java class")
        .doesNotContain("io.acta", "java.", "Wallet");
    return error;
  }

  @Test
  void commandsAreNamedByTheirTypeNameWithoutTheEntityTypesPrefix() {
    assertThat(refused("wallet", "wallet.pay", "{}").getMessage())
        .endsWith("has no command 'wallet.pay'; it has [freeze-wallet, hand-over, limit, pay]");
    assertThat(CommandCatalog.urlName("wallet", "wallet.pay")).isEqualTo("pay");
    assertThat(CommandCatalog.urlName("wallet", "walletish.pay")).isEqualTo("walletish.pay");
  }

  @Test
  void aBodyIsBoundToTheNamedCommand() {
    assertThat(
            catalog.bind(
                "wallet", "pay", "{\"amount\": 5, \"note\": \"tea\"}", null, Caller.anonymous()))
        .isEqualTo(new Wallet.Pay(5, "tea", null));
    assertThat(
            catalog.bind(
                "wallet",
                "hand-over",
                "{\"owner\": {\"name\": \"ada\", \"age\": 36}, \"witnesses\": [\"bob\"]}",
                null,
                Caller.anonymous()))
        .isEqualTo(new Wallet.HandOver(new Wallet.Owner("ada", 36), List.of("bob")));
  }

  @Test
  void anEmptyBodyBindsACommandWithoutFields() {
    assertThat(catalog.bind("wallet", "freeze-wallet", "", null, Caller.anonymous()))
        .isEqualTo(new Wallet.Freeze());
    assertThat(catalog.bind("wallet", "freeze-wallet", null, null, Caller.anonymous()))
        .isEqualTo(new Wallet.Freeze());
  }

  @Test
  void theIdempotencyKeyHeaderFillsInTheCommandsKey() {
    assertThat(catalog.bind("wallet", "pay", "{\"amount\": 5}", "k-1", Caller.anonymous()))
        .isEqualTo(new Wallet.Pay(5, null, "k-1"));
    assertThat(
            catalog.bind(
                "wallet",
                "pay",
                "{\"amount\": 5, \"idempotencyKey\": \"k-1\"}",
                "k-1",
                Caller.anonymous()))
        .isEqualTo(new Wallet.Pay(5, null, "k-1"));
  }

  @Test
  void anIdempotencyKeyHeaderThatDiffersFromTheBodysIsRefused() {
    ApiError error =
        catchThrowableOfType(
            ApiError.class,
            () ->
                catalog.bind(
                    "wallet",
                    "pay",
                    "{\"amount\": 5, \"idempotencyKey\": \"k-1\"}",
                    "k-2",
                    Caller.anonymous()));

    assertThat(error.status).isEqualTo(400);
    assertThat(error).hasMessage("the Idempotency-Key header and the body's idempotencyKey differ");
  }

  @Test
  void anUnknownEntityTypeIsNotFound() {
    ApiError error = refused("purse", "pay", "{}");

    assertThat(error.status).isEqualTo(404);
    assertThat(error).hasMessage("unknown entity type 'purse'");
  }

  @Test
  void anUnknownCommandIsNotFoundAndTheTypesCommandsAreListed() {
    ApiError error = refused("wallet", "steal", "{}");

    assertThat(error.status).isEqualTo(404);
    assertThat(error.code).isEqualTo("not_found");
    assertThat(error)
        .hasMessage(
            "entity type 'wallet' has no command 'steal'; it has [freeze-wallet, hand-over, limit,"
                + " pay]");
  }

  @Test
  void anUnknownFieldIsNamedWithTheCommandsFields() {
    ApiError error = refused("wallet", "pay", "{\"amount\": 5, \"amont\": 5}");

    assertThat(error.status).isEqualTo(400);
    assertThat(error.getMessage())
        .startsWith("unknown field 'amont'; pay has ")
        .contains("amount", "note", "idempotencyKey");
  }

  @Test
  void aValueOfTheWrongTypeNamesItsFieldAndWhatItTakes() {
    assertThat(refused("wallet", "pay", "{\"amount\": \"lots\"}"))
        .hasMessage("field 'amount': expected a whole number");
    assertThat(refused("wallet", "pay", "{\"amount\": null}"))
        .hasMessage("field 'amount': expected a whole number");
    assertThat(refused("wallet", "pay", "{\"amount\": \"lots\"}").status).isEqualTo(400);
  }

  @Test
  void aWrongValueInsideANestedObjectOrListNamesItsPath() {
    assertThat(refused("wallet", "hand-over", "{\"owner\": {\"name\": \"ada\", \"age\": \"old\"}}"))
        .hasMessage("field 'owner.age': expected a whole number");
    assertThat(refused("wallet", "hand-over", "{\"witnesses\": [\"bob\", {\"x\": 1}]}"))
        .hasMessage("field 'witnesses[1]': expected a string");
    assertThat(refused("wallet", "hand-over", "{\"witnesses\": \"bob\"}"))
        .hasMessage("field 'witnesses': expected an array");
  }

  @Test
  void anObjectGivenAsAStringNamesItsFieldButNotItsClass() {
    assertThat(refused("wallet", "hand-over", "{\"owner\": \"ada\"}"))
        .hasMessage("field 'owner': expected an object");
  }

  @Test
  void aNumberIsNotTakenForAnEnumValue() {
    assertThat(refused("wallet", "limit", "{\"speed\": 1}"))
        .hasMessage("field 'speed': expected one of [SLOW, FAST]");
  }

  @Test
  void anIdempotencyKeyForACommandThatIsNotIdempotentIsRefused() {
    ApiError error =
        catchThrowableOfType(
            ApiError.class,
            () -> catalog.bind("wallet", "freeze-wallet", "{}", "k-1", Caller.anonymous()));

    assertThat(error.status).isEqualTo(400);
    assertThat(error)
        .hasMessage(
            "command 'freeze-wallet' is not idempotent: it takes no Idempotency-Key header");
  }

  @Test
  void anUnknownEnumValueOrAMalformedTimeNamesWhatTheFieldTakes() {
    assertThat(refused("wallet", "limit", "{\"speed\": \"warp\"}"))
        .hasMessage("field 'speed': expected one of [SLOW, FAST]");
    assertThat(refused("wallet", "limit", "{\"until\": \"soon\"}"))
        .hasMessage("field 'until': expected an ISO-8601 string");
  }

  @Test
  void valuesTheCommandItselfRefusesAreInvalidWithItsReason() {
    ApiError error = refused("wallet", "pay", "{\"amount\": -3}");

    assertThat(error.status).isEqualTo(422);
    assertThat(error.code).isEqualTo("invalid");
    assertThat(error).hasMessage("amount must be positive, was -3");
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsABadRequest() {
    assertThat(refused("wallet", "pay", "{\"amount\": "))
        .hasMessage("malformed JSON at line 1, column 12");
    assertThat(refused("wallet", "pay", "[1, 2]")).hasMessage("the body must be a JSON object");
    assertThat(refused("wallet", "pay", "[1, 2]").status).isEqualTo(400);
  }
}
