package io.acta.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.acta.api.entity.WritePosition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryParametersTest {
  private static final Duration MAX = Duration.ofSeconds(10);

  private static ApiError refusedWait(String wait) {
    ApiError e =
        catchThrowableOfType(ApiError.class, () -> QueryParameters.waitFor(Optional.of(wait), MAX));
    assertThat(e).as("wait=%s", wait).isNotNull();
    return e;
  }

  @Test
  void waitIsWholeMillisecondsOrSecondsUpToTheMaximum() {
    assertThat(QueryParameters.waitFor(Optional.of("500ms"), MAX))
        .isEqualTo(Duration.ofMillis(500));
    assertThat(QueryParameters.waitFor(Optional.of("2s"), MAX)).isEqualTo(Duration.ofSeconds(2));
    assertThat(QueryParameters.waitFor(Optional.of("0ms"), MAX)).isEqualTo(Duration.ZERO);
    assertThat(QueryParameters.waitFor(Optional.of("10s"), MAX)).isEqualTo(MAX);
  }

  @Test
  void withoutWaitAViewWaitsTwoSecondsOrTheMaximumIfShorter() {
    assertThat(QueryParameters.waitFor(Optional.empty(), MAX)).isEqualTo(Duration.ofSeconds(2));
    assertThat(QueryParameters.waitFor(Optional.empty(), Duration.ofMillis(300)))
        .isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void waitIsNeverReadAsConfiguration() {
    for (String wait :
        List.of(
            "200ms\nw=3s",
            "200ms\nw = 3s",
            "include \"other.conf\"",
            "${?HOME}",
            "{ w = 1s }",
            "2 s",
            "1.5s",
            "PT2S",
            "2",
            "-1s",
            "2m",
            "2seconds",
            "1234567ms",
            "")) {
      assertThat(refusedWait(wait))
          .hasMessage(
              "'wait' must be a whole number of ms or s from 0 to 10000ms, such as 500ms or 2s");
    }
    assertThat(refusedWait("11s").status).isEqualTo(400);
    assertThat(refusedWait("10001ms").status).isEqualTo(400);
  }

  @Test
  void aPositionIsTypeIdAndSequenceNumber() {
    assertThat(QueryParameters.position("account|acc-1|3"))
        .isEqualTo(new WritePosition("account", "acc-1", 3));
    for (String bad :
        List.of("account|acc-1|+3", "account|acc-1|3 ", "account|acc-1", "nope", "|")) {
      ApiError e = catchThrowableOfType(ApiError.class, () -> QueryParameters.position(bad));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.status).isEqualTo(400);
      assertThat(e)
          .hasMessage("'position' must be type|id|sequenceNr, as in the Write-Position header");
    }
  }

  @Test
  void aNumberIsAsciiDigitsWithinItsBounds() {
    assertThat(QueryParameters.number(Optional.of("42"), "limit", 50, 1, 1000)).isEqualTo(42);
    assertThat(QueryParameters.number(Optional.empty(), "limit", 50, 1, 1000)).isEqualTo(50);
    for (String bad :
        List.of(
            "+5", "-1", "0", "1001", "1e3", " 5", "5 ", "٥", "0x10", "99999999999999999999", "")) {
      ApiError e =
          catchThrowableOfType(
              ApiError.class, () -> QueryParameters.number(Optional.of(bad), "limit", 50, 1, 1000));
      assertThat(e).as(bad).isNotNull();
      assertThat(e).hasMessage("'limit' must be a whole number from 1 to 1000");
    }
  }
}
