package io.acta.runtime.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.runtime.ActaNode;
import io.acta.runtime.internal.entity.CommandEnvelope;
import io.acta.runtime.internal.entity.PushedEvents;
import io.acta.runtime.internal.entity.TracedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trace a command and its events carry, on the wire and in the journal, both ways: written only
 * when there is one, and read from what nodes that predate tracing wrote, which has none.
 */
class ActaSerializerTracesTest {
  private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private static ActaNode node;
  private static ActaSerializer serializer;

  @BeforeAll
  static void start() {
    node =
        ActaNode.builder("serializer-traces")
            .entity(Diary.TYPE)
            .store("in-memory")
            // The test class path holds an older pekko-discovery (see the POM).
            .config("pekko.fail-mixed-versions = off")
            .start();
    serializer = new ActaSerializer((ExtendedActorSystem) node.actorSystem().classicSystem());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void aTracedEventIsStoredAsItsOwnJsonUnderItsOwnNameWithTheTraceBeside() {
    var event = new Diary.Written("dear diary", "glad");
    var traced = new TracedEvent(event, TRACE);

    String manifest = serializer.manifest(traced);
    byte[] bytes = serializer.toBinary(traced);

    assertThat(manifest).isEqualTo("diary.written@3");
    assertThat(text(bytes))
        .isEqualTo(
            "{\"text\":\"dear diary\",\"mood\":\"glad\",\"acta.traceparent\":\"" + TRACE + "\"}");
    assertThat(serializer.fromBinary(bytes, manifest)).isEqualTo(traced);
  }

  @Test
  void anEventStoredBeforeTracingReadsAsThePlainEvent() {
    byte[] old = "{\"text\":\"old\",\"mood\":\"calm\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(serializer.fromBinary(old, "diary.written@3"))
        .isEqualTo(new Diary.Written("old", "calm"));
  }

  @Test
  void onlyJsonNamingTheTraceFieldIsReadTheSlowerWay() {
    assertThat(
            ActaSerializer.mayHoldTrace(
                serializer.toBinary(new TracedEvent(new Diary.Written("x", "y"), TRACE))))
        .isTrue();
    assertThat(ActaSerializer.mayHoldTrace(serializer.toBinary(new Diary.Written("x", "y"))))
        .isFalse();
    assertThat(ActaSerializer.mayHoldTrace(new byte[0])).isFalse();
  }

  @Test
  void anOlderVersionWithATraceIsUpcastWithoutIt() {
    byte[] v1 =
        ("{\"note\":\"from v1\",\"acta.traceparent\":\"" + TRACE + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(serializer.fromBinary(v1, "diary.written@1"))
        .isEqualTo(new TracedEvent(new Diary.Written("from v1", "unknown"), TRACE));
  }

  @Test
  void aCommandCarriesItsTraceOnlyWhenItHasOne() {
    var replyTo = node.actorSystem().ignoreRef();
    var untraced = new CommandEnvelope(new Diary.Write("hi", "glad"), replyTo.narrow());
    var traced = new CommandEnvelope(new Diary.Write("hi", "glad"), replyTo.narrow(), TRACE);

    assertThat(text(serializer.toBinary(untraced))).doesNotContain("trace");
    assertThat(text(serializer.toBinary(traced))).contains("\"trace\":\"" + TRACE + "\"");
    var back =
        (CommandEnvelope) serializer.fromBinary(serializer.toBinary(traced), "acta.command@1");
    assertThat(back.traceparent()).isEqualTo(TRACE);
    assertThat(back.command()).isEqualTo(new Diary.Write("hi", "glad"));
    var plain =
        (CommandEnvelope) serializer.fromBinary(serializer.toBinary(untraced), "acta.command@1");
    assertThat(plain.traceparent()).isNull();
  }

  @Test
  void eventsPushedToAnotherNodeArriveAsTheJournalHoldsThemTracesIncluded() {
    var traced = new TracedEvent(new Diary.Written("pushed", "glad"), TRACE);
    var plain = new Diary.Written("plain", "calm");
    var pushed =
        new PushedEvents("diary-1", "diary|d1", 7, 1_700_000_000_000L, List.of(traced, plain));

    String manifest = serializer.manifest(pushed);
    var back = (PushedEvents) serializer.fromBinary(serializer.toBinary(pushed), manifest);

    assertThat(manifest).isEqualTo("acta.pushed-events@1");
    assertThat(back).isEqualTo(pushed);
  }
}
