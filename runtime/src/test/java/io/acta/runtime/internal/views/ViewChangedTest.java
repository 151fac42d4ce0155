package io.acta.runtime.internal.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.runtime.fixtures.TestSystems;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.Test;

class ViewChangedTest {

  @Test
  void aNoticeCrossesNodesUnderTheRuntimesOwnNameAndReadsBackEqual() {
    ActorSystem<Void> system = TestSystems.plain("view-changed-test");
    try {
      var serialization = SerializationExtension.get(Adapter.toClassic(system));
      ViewChanged notice =
          new ViewChanged(
              "balances", 2, List.of("acc-1", "acc-2"), Map.of("account|acc-1", 7L, "b|x", 1L));

      byte[] bytes = serialization.serialize(notice).get();
      var serializer = serialization.findSerializerFor(notice);
      String manifest = Serializers.manifestFor(serializer, notice);

      assertThat(manifest).isEqualTo("acta.view-changed@1");
      assertThat(serialization.deserialize(bytes, serializer.identifier(), manifest).get())
          .isEqualTo(notice);
    } finally {
      system.terminate();
    }
  }
}
