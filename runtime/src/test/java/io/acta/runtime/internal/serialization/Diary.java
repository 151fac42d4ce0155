package io.acta.runtime.internal.serialization;

import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;

/**
 * An entity whose event is at version 3: v1 was {@code {"note"}}, v2 renamed it to {@code text}, v3
 * added {@code mood}.
 */
final class Diary implements EventSourcedEntity<Diary.Write, Diary.Written, Diary.State> {

  static final EntityType<Write, Written, State> TYPE =
      EntityType.of("diary", new Diary())
          .withUpcaster(
              "diary.written",
              1,
              v1 -> {
                v1.put("text", v1.remove("note"));
                return v1;
              })
          .withUpcaster(
              "diary.written",
              2,
              v2 -> {
                v2.put("mood", "unknown");
                return v2;
              });

  /** The same entity with the step from version 1 left out. */
  static final EntityType<Write, Written, State> WITHOUT_FIRST_STEP =
      EntityType.of("diary", new Diary())
          .withUpcaster(
              "diary.written",
              2,
              v2 -> {
                v2.put("mood", "unknown");
                return v2;
              });

  @TypeName("diary.write")
  record Write(String text, String mood) implements ReplyType<Integer> {}

  @TypeName(value = "diary.written", version = 3)
  record Written(String text, String mood) {}

  @TypeName("diary.state")
  record State(int pages) {}

  @Override
  public State emptyState() {
    return new State(0);
  }

  @Override
  public Effect<Written, State> decide(State state, Write command) {
    return effects()
        .persist(new Written(command.text(), command.mood()))
        .thenReply(command, State::pages);
  }

  @Override
  public State evolve(State state, Written event) {
    return new State(state.pages() + 1);
  }
}
