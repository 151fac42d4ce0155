package io.acta.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyKeyHeaderTest {
  @Test
  void aQuotedStringIsUnquotedAndUnescaped() {
    assertThat(IdempotencyKeyHeader.parse("\"8e03978e-40d5\"")).isEqualTo("8e03978e-40d5");
    assertThat(IdempotencyKeyHeader.parse("\"a \\\"b\\\" \\\\ c\"")).isEqualTo("a \"b\" \\ c");
  }

  @Test
  void aBareTokenOfVisibleAsciiIsTheSameKey() {
    assertThat(IdempotencyKeyHeader.parse("pay-1")).isEqualTo("pay-1");
    assertThat(IdempotencyKeyHeader.parse("k".repeat(255))).hasSize(255);
  }

  @Test
  void anythingElseIsABadRequest() {
    for (String header :
        List.of(
            "",
            "\"\"",
            "\"   \"",
            "two words",
            "\"unterminated",
            "\"a\"b\"",
            "\"bad \\n escape\"",
            "\"trailing \\\"",
            "caf\u00e9",
            "\"caf\u00e9\"",
            "\"tab\there\"",
            "back\\slash",
            "k".repeat(256),
            "\"" + "k".repeat(256) + "\"")) {
      ApiError e = catchThrowableOfType(ApiError.class, () -> IdempotencyKeyHeader.parse(header));
      assertThat(e).as(header).isNotNull();
      assertThat(e.status).isEqualTo(400);
      assertThat(e).hasMessage(IdempotencyKeyHeader.FORM);
    }
  }
}
