package io.acta.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the console shows of a projection's failure: the reason, never the code's names. */
class AdminProjectionsTest {
  @Test
  void anExceptionsClassNameInFrontIsLeftOut() {
    assertThat(AdminProjections.operatorText("java.lang.IllegalArgumentException: cannot fold 666"))
        .isEqualTo("cannot fold 666");
    assertThat(
            AdminProjections.operatorText(
                "java.util.concurrent.CompletionException: java.lang.IllegalStateException: the"
                    + " row is gone"))
        .isEqualTo("the row is gone");
  }

  @Test
  void aMessageThatNamesCodeIsNotShownAtAll() {
    assertThat(AdminProjections.operatorText("NullPointerException at io.acta.Foo.bar"))
        .isEqualTo("failed; the node's log says why");
    assertThat(AdminProjections.operatorText(null)).isEqualTo("failed; the node's log says why");
  }

  @Test
  void aPlainReasonStaysAsItIs() {
    assertThat(AdminProjections.operatorText("account is not open"))
        .isEqualTo("account is not open");
  }

  @Test
  void aKafkaSubscriptionShowsItsLagAndWhatItAppliedAndParked() {
    var meters = new SimpleMeterRegistry();
    AtomicLong lag = new AtomicLong(42);
    Gauge.builder("acta.kafka.consumer.lag", lag, AtomicLong::get)
        .tags("subscription", "payments", "topic", "payments.incoming")
        .register(meters);
    meters
        .counter("acta.kafka.consumed", "subscription", "payments", "outcome", "applied")
        .increment(7);
    meters
        .counter("acta.kafka.consumed", "subscription", "payments", "outcome", "parked")
        .increment();
    ArrayNode all = new ObjectMapper().createArrayNode();

    AdminProjections.subscriptions(all, meters);

    assertThat(all).hasSize(1);
    JsonNode s = all.get(0);
    assertThat(s.path("kind").asText()).isEqualTo("subscription");
    assertThat(s.path("name").asText()).isEqualTo("payments");
    assertThat(s.path("topic").asText()).isEqualTo("payments.incoming");
    assertThat(s.path("eventsBehind").asLong()).isEqualTo(42);
    assertThat(s.path("applied").asLong()).isEqualTo(7);
    assertThat(s.path("parked").asLong()).isEqualTo(1);
  }
}
