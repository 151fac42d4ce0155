package io.acta.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acta.runtime.internal.entity.EntityState;
import io.acta.runtime.internal.serialization.ActaSerializer;
import io.acta.testkit.ActaExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Old payloads stay readable through upcasters; fields this code does not know survive it. */
class SchemaEvolutionTest {

  @RegisterExtension static final ActaExtension acta = ActaExtension.with(Notebook.TYPE);

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void eventsStoredAtEveryOldVersionReplayAsTheCurrentVersion() {
    acta.store()
        .appendEvent("notebook|old", 1, "notebook.noted@1", bytes("{\"note\":\"from v1\"}"));
    acta.store()
        .appendEvent(
            "notebook|old",
            2,
            "notebook.noted@2",
            bytes("{\"text\":\"from v2\",\"author\":\"ada\"}"));
    acta.store()
        .appendEvent(
            "notebook|old",
            3,
            "notebook.noted@3",
            bytes("{\"text\":\"from v3\",\"author\":\"bob\",\"priority\":2}"));

    var notes =
        acta.entity(Notebook.TYPE, "old")
            .ask(new Notebook.Read())
            .toCompletableFuture()
            .join()
            .notes();

    assertThat(notes)
        .containsExactly(
            new Notebook.Noted("from v1", "unknown", 0),
            new Notebook.Noted("from v2", "ada", 0),
            new Notebook.Noted("from v3", "bob", 2));
  }

  @Test
  void newEventsAreStoredUnderTheirNameAndCurrentVersionNotTheClassName() throws Exception {
    var ref = acta.entity(Notebook.TYPE, "new");
    ref.ask(new Notebook.Write("hello", "ada", 1)).toCompletableFuture().join();

    var serialization = SerializationExtension.get(acta.node().actorSystem().classicSystem());
    var serializer = serialization.findSerializerFor(new Notebook.Noted("x", "y", 1));
    assertThat(serializer.identifier()).isEqualTo(ActaSerializer.IDENTIFIER);
    assertThat(((ActaSerializer) serializer).manifest(new Notebook.Noted("x", "y", 1)))
        .isEqualTo("notebook.noted@3");
    assertThat(
            new String(
                serializer.toBinary(new Notebook.Noted("x", "y", 1)), StandardCharsets.UTF_8))
        .isEqualTo("{\"text\":\"x\",\"author\":\"y\",\"priority\":1}");
  }

  @Test
  void fieldsANewerNodeAddedToASnapshotAreWrittenBackByThisNode() throws Exception {
    var serialization = SerializationExtension.get(acta.node().actorSystem().classicSystem());
    String newerSnapshot =
        """
        {"state":{"type":"notebook.state@1","data":{"notes":[],"archivedBy":"carol","labels":["x"]}},
         "idempotency":[]}\
        """;

    Object read =
        serialization
            .deserialize(
                newerSnapshot.getBytes(StandardCharsets.UTF_8),
                ActaSerializer.IDENTIFIER,
                "acta.entity-snapshot@1")
            .get();
    @SuppressWarnings("unchecked")
    EntityState<Notebook.State> state = (EntityState<Notebook.State>) read;
    var evolved = state.withState(new Notebook.State(List.of(new Notebook.Noted("t", "a", 0))));
    byte[] rewritten = serialization.serialize(evolved).get();

    JsonNode data = new ObjectMapper().readTree(rewritten).get("state").get("data");
    assertThat(data.get("archivedBy").asText()).isEqualTo("carol");
    assertThat(data.get("labels").get(0).asText()).isEqualTo("x");
    assertThat(data.get("notes")).hasSize(1);
  }
}
