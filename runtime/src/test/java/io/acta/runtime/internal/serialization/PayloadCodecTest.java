package io.acta.runtime.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.runtime.fixtures.Counter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {
  private final PayloadCodec codec =
      new PayloadCodec(TypeRegistry.of(List.of(Counter.TYPE, Diary.TYPE)));

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPayloadIsStoredUnderItsNameAndVersionAndReadBackEqual() {
    var event = new Diary.Written("dear diary", "glad");

    String manifest = codec.entryOf(event).manifest();
    byte[] bytes = codec.toBytes(event);

    assertThat(manifest).isEqualTo("diary.written@3");
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("{\"text\":\"dear diary\",\"mood\":\"glad\"}");
    assertThat(codec.fromBytes(bytes, manifest)).isEqualTo(event);
  }

  @Test
  void aDerivedIsMethodOfARecordIsNotStored() {
    assertThat(new String(codec.toBytes(new Counter.State(0)), StandardCharsets.UTF_8))
        .isEqualTo("{\"total\":0}");
  }

  @Test
  void aManifestWithoutAVersionIsReadAsVersionOne() {
    assertThat(codec.fromBytes(json("{\"amount\":4}"), "counter.added"))
        .isEqualTo(new Counter.Added(4));
  }

  @Test
  void aNestedTypedPayloadRoundTripsThroughItsManifest() {
    var typed = codec.typed(new Counter.Added(7));

    assertThat(typed.get("type").asText()).isEqualTo("counter.added@1");
    assertThat(codec.fromTyped(typed)).isEqualTo(new Counter.Added(7));
  }

  @Test
  void everyOlderVersionIsUpcastStepByStepToTheCurrentOne() {
    assertThat(codec.fromBytes(json("{\"note\":\"from v1\"}"), "diary.written@1"))
        .isEqualTo(new Diary.Written("from v1", "unknown"));
    assertThat(codec.fromBytes(json("{\"text\":\"from v2\"}"), "diary.written@2"))
        .isEqualTo(new Diary.Written("from v2", "unknown"));
    assertThat(codec.fromBytes(json("{\"text\":\"from v3\",\"mood\":\"calm\"}"), "diary.written@3"))
        .isEqualTo(new Diary.Written("from v3", "calm"));
  }

  @Test
  void aMissingUpcasterIsReportedWithTheVersionsItWouldBridge() {
    var gappy = new PayloadCodec(TypeRegistry.of(List.of(Diary.WITHOUT_FIRST_STEP)));

    assertThat(gappy.fromBytes(json("{\"text\":\"v2\"}"), "diary.written@2"))
        .isEqualTo(new Diary.Written("v2", "unknown"));
    assertThatThrownBy(() -> gappy.fromBytes(json("{\"note\":\"v1\"}"), "diary.written@1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "\"diary.written\" is stored at version 1 but the code reads version 3 and there is no"
                + " upcaster from 1 to 2");
  }

  @Test
  void aStoredNameNoTypeIsRegisteredUnderIsReportedByName() {
    assertThatThrownBy(() -> codec.fromBytes(json("{}"), "counter.renamed@1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no type is registered under the stored name \"counter.renamed\"");
  }

  @Test
  void fieldsTheClassDoesNotKnowAreIgnoredOnRead() {
    Object read =
        codec.fromBytes(
            json("{\"amount\":3,\"addedBy\":\"a newer writer\",\"tags\":[1,2]}"),
            "counter.added@1");

    assertThat(read).isEqualTo(new Counter.Added(3));
  }

  @Test
  void theFieldsANewerWriterAddedAreFoundBesideTheKnownOnes() throws Exception {
    var stored = codec.mapper().readTree("{\"total\":3,\"archivedBy\":\"carol\"}");
    var known = codec.toTree(new Counter.State(3));

    assertThat(PayloadCodec.unknownFields(stored, known, codec.mapper()).toString())
        .isEqualTo("{\"archivedBy\":\"carol\"}");
  }

  @Test
  void writingAnUnregisteredValueNamesItsClass() {
    record Stray(int x) {}

    assertThatThrownBy(() -> codec.entryOf(new Stray(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Stray.class.getName())
        .hasMessageContaining("is not a registered command, event, reply or state type");
  }

  @Test
  void builtInRepliesHaveNamesOfTheirOwn() {
    assertThat(codec.entryOf("text").manifest()).isEqualTo("acta.string@1");
    assertThat(codec.fromBytes(codec.toBytes(42L), codec.entryOf(42L).manifest())).isEqualTo(42L);
  }
}
