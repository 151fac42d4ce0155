package io.acta.tests;

import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * An entity whose event went through three schema versions: v1 {@code {"note": "..."}}, v2 added
 * {@code author} and renamed {@code note} to {@code text}, v3 added {@code priority}.
 */
public final class Notebook
    implements EventSourcedEntity<Notebook.Command<?>, Notebook.Noted, Notebook.State> {

  public static final EntityType<Command<?>, Noted, State> TYPE =
      EntityType.of("notebook", new Notebook())
          .withUpcaster(
              "notebook.noted",
              1,
              v1 -> {
                v1.put("text", v1.remove("note"));
                v1.put("author", "unknown");
                return v1;
              })
          .withUpcaster(
              "notebook.noted",
              2,
              v2 -> {
                v2.put("priority", 0);
                return v2;
              });

  public sealed interface Command<R> extends ReplyType<R> {}

  @TypeName("notebook.write")
  public record Write(String text, String author, int priority) implements Command<Integer> {}

  @TypeName("notebook.read")
  public record Read() implements Command<State> {}

  @TypeName(value = "notebook.noted", version = 3)
  public record Noted(String text, String author, int priority) {}

  @TypeName("notebook.state")
  public record State(List<Noted> notes) {}

  @Override
  public State emptyState() {
    return new State(List.of());
  }

  @Override
  public Effect<Noted, State> decide(State state, Command<?> command) {
    return switch (command) {
      case Write w ->
          effects()
              .persist(new Noted(w.text(), w.author(), w.priority()))
              .thenReply(w, s -> s.notes().size());
      case Read r -> effects().reply(r, state);
    };
  }

  @Override
  public State evolve(State state, Noted event) {
    var notes = new ArrayList<>(state.notes());
    notes.add(event);
    return new State(List.copyOf(notes));
  }
}
