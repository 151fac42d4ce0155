package io.acta.examples.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.testkit.ActaExtension;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A journal written by an old release of the ledger replays with today's code (the fixture is
 * committed).
 */
class AccountSchemaHistoryTest {

  @RegisterExtension static final ActaExtension acta = ActaExtension.with(Account.TYPE);

  static JsonNode fixture() throws IOException {
    try (InputStream in =
        AccountSchemaHistoryTest.class.getResourceAsStream("/fixtures/account-journal-v1.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void anOldJournalReplaysToTheSameBalance() throws IOException {
    JsonNode fixture = fixture();
    String pid = fixture.get("persistenceId").asText();
    for (JsonNode e : fixture.get("events")) {
      byte[] payload = new ObjectMapper().writeValueAsBytes(e.get("payload"));
      acta.store()
          .appendEvent(pid, e.get("sequenceNr").asLong(), e.get("manifest").asText(), payload);
    }
    Money expected = new ObjectMapper().treeToValue(fixture.get("expectedBalance"), Money.class);

    AccountState state =
        acta.entity(Account.TYPE, pid.substring(pid.indexOf('|') + 1))
            .ask(new Get())
            .toCompletableFuture()
            .join();

    assertThat(state.owner()).isEqualTo("grace");
    assertThat(state.balance()).isEqualTo(expected);
  }
}
