package io.acta.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.EntityType;
import io.acta.api.entity.TypeName;
import io.acta.api.topic.TopicMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  sealed interface Shipment {}

  @TypeName(value = "shop.shipped", version = 2)
  record Shipped(String order, String carrier) implements Shipment {}

  @TypeName("shop.returned")
  record Returned(String order) implements Shipment {}

  @TypeName("shop.payment")
  record Payment(String id, long cents) {}

  record Unnamed(String x) {}

  private static final MessageCodec<Shipment> SHIPMENTS =
      new MessageCodec<>(
          Shipment.class,
          List.of(
              new EntityType.Upcaster(
                  "shop.shipped",
                  1,
                  json -> {
                    var up = new HashMap<>(json);
                    up.put("carrier", "unknown");
                    return up;
                  })));

  @Test
  void aMessageTravelsUnderItsOwnNameAndVersionNeverItsClass() {
    var encoded = SHIPMENTS.encode(new Shipped("o-1", "post"));
    assertThat(encoded.typeName()).isEqualTo("shop.shipped");
    assertThat(encoded.version()).isEqualTo(2);
    String json = new String(encoded.value(), StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("Shipped").contains("\"carrier\":\"post\"");
    assertThat(
            SHIPMENTS.decode(
                encoded.value(),
                Map.of(TopicMessage.TYPE_HEADER, "shop.shipped", TopicMessage.VERSION_HEADER, "2")))
        .isEqualTo(new Shipped("o-1", "post"));
  }

  @Test
  void anOlderVersionIsUpcastAndUnknownFieldsAreTolerated() {
    byte[] v1 = "{\"order\":\"o-2\",\"weight\":3}".getBytes(StandardCharsets.UTF_8);
    assertThat(
            SHIPMENTS.decode(
                v1,
                Map.of(TopicMessage.TYPE_HEADER, "shop.shipped", TopicMessage.VERSION_HEADER, "1")))
        .isEqualTo(new Shipped("o-2", "unknown"));
  }

  @Test
  void aMessageOfOneRecordTypeNeedsNoHeaders() {
    var payments = new MessageCodec<>(Payment.class, List.of());
    byte[] json = "{\"id\":\"p-1\",\"cents\":250}".getBytes(StandardCharsets.UTF_8);
    assertThat(payments.decode(json, Map.of())).isEqualTo(new Payment("p-1", 250));
  }

  @Test
  void whatCannotBeReadIsSaidPlainly() {
    byte[] json = "{\"order\":\"o-3\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SHIPMENTS.decode(json, Map.of()))
        .hasMessageContaining("no acta-type header");
    assertThatThrownBy(() -> SHIPMENTS.decode(json, Map.of(TopicMessage.TYPE_HEADER, "shop.x")))
        .hasMessageContaining("shop.x");
    assertThatThrownBy(
            () ->
                SHIPMENTS.decode(
                    json,
                    Map.of(
                        TopicMessage.TYPE_HEADER,
                        "shop.returned",
                        TopicMessage.VERSION_HEADER,
                        "x")))
        .hasMessageContaining("is no version");
    var payments = new MessageCodec<>(Payment.class, List.of());
    assertThatThrownBy(() -> payments.decode("not json".getBytes(StandardCharsets.UTF_8), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                payments.decode(
                    "{}".getBytes(StandardCharsets.UTF_8),
                    Map.of(TopicMessage.TYPE_HEADER, "shop.shipped")))
        .hasMessageContaining("shop.shipped");
  }

  @Test
  void everyMessageTypeNeedsAName() {
    assertThatThrownBy(() -> new MessageCodec<>(Unnamed.class, List.of()))
        .hasMessageContaining("Unnamed has no @TypeName");
    assertThat(MessageCodec.concreteTypes(Shipment.class))
        .containsExactlyInAnyOrder(Shipped.class, Returned.class);
  }
}
