package io.acta.runtime.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;
import io.acta.runtime.fixtures.Counter;
import io.acta.runtime.fixtures.Jar;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeRegistryTest {

  /** An entity whose two events claim the same stored name. */
  static final class Twins implements EventSourcedEntity<Twins.Go, Twins.Event, Twins.State> {
    @TypeName("twins.go")
    record Go() implements ReplyType<Integer> {}

    sealed interface Event {}

    @TypeName("twins.happened")
    record First() implements Event {}

    @TypeName("twins.happened")
    record Second() implements Event {}

    @TypeName("twins.state")
    record State() {}

    public State emptyState() {
      return new State();
    }

    public Effect<Event, State> decide(State state, Go command) {
      return effects().reply(command, 0);
    }

    public State evolve(State state, Event event) {
      return state;
    }
  }

  /** An entity whose event has a name that cannot be stored. */
  static final class BadName
      implements EventSourcedEntity<BadName.Go, BadName.Happened, BadName.State> {
    @TypeName("bad.go")
    record Go() implements ReplyType<Integer> {}

    @TypeName("bad name!")
    record Happened() {}

    @TypeName("bad.state")
    record State() {}

    public State emptyState() {
      return new State();
    }

    public Effect<Happened, State> decide(State state, Go command) {
      return effects().reply(command, 0);
    }

    public State evolve(State state, Happened event) {
      return state;
    }
  }

  /** An entity whose state claims version 0. */
  static final class VersionZero
      implements EventSourcedEntity<VersionZero.Go, VersionZero.Happened, VersionZero.State> {
    @TypeName("zero.go")
    record Go() implements ReplyType<Integer> {}

    @TypeName("zero.happened")
    record Happened() {}

    @TypeName(value = "zero.state", version = 0)
    record State() {}

    public State emptyState() {
      return new State();
    }

    public Effect<Happened, State> decide(State state, Go command) {
      return effects().reply(command, 0);
    }

    public State evolve(State state, Happened event) {
      return state;
    }
  }

  @TypeName("counter.added")
  record ClashingRow(int amount) {}

  record UnnamedRow(int amount) {}

  @Test
  void everyStoredTypeIsFoundByClassAndByName() {
    var registry = TypeRegistry.of(List.of(Counter.TYPE, Jar.TYPE));

    assertThat(registry.forClass(Counter.Added.class))
        .isEqualTo(new TypeRegistry.Entry(Counter.Added.class, "counter.added", 1));
    assertThat(registry.forName("jar.dropped").type()).isEqualTo(Jar.Dropped.class);
    assertThat(registry.forName("counter.add").type()).isEqualTo(Counter.Add.class);
    assertThat(registry.forName("counter.state").type()).isEqualTo(Counter.State.class);
    assertThat(registry.forName("nobody")).isNull();
  }

  @Test
  void twoClassesUnderOneNameAreRefusedNamingBoth() {
    assertThatThrownBy(() -> TypeRegistry.of(List.of(EntityType.of("twins", new Twins()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("@TypeName \"twins.happened\" is used by both")
        .hasMessageContaining(Twins.First.class.getName())
        .hasMessageContaining(Twins.Second.class.getName())
        .hasMessageEndingWith("stored names must be unique");
  }

  @Test
  void aViewRowUnderAnEventsNameIsRefused() {
    assertThatThrownBy(() -> TypeRegistry.of(List.of(Counter.TYPE), List.of(ClashingRow.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("@TypeName \"counter.added\" is used by both");
  }

  @Test
  void aNameWithCharactersOutsideTheAllowedSetIsRefused() {
    assertThatThrownBy(() -> TypeRegistry.of(List.of(EntityType.of("bad", new BadName()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@TypeName \"bad name!\" of "
                + BadName.Happened.class.getName()
                + " must hold only letters, digits, '.', '-' and '_'");
  }

  @Test
  void aVersionBelowOneIsRefused() {
    assertThatThrownBy(() -> TypeRegistry.of(List.of(EntityType.of("zero", new VersionZero()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("@TypeName version of " + VersionZero.State.class.getName() + " must be >= 1");
  }

  @Test
  void aViewRowWithoutATypeNameIsRefused() {
    assertThatThrownBy(() -> TypeRegistry.of(List.of(Counter.TYPE), List.of(UnnamedRow.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(UnnamedRow.class.getName() + " has no @TypeName");
  }

  @Test
  void upcastersMustTargetARegisteredNameBelowItsCurrentVersionAndBeUnique() {
    assertThatThrownBy(
            () -> TypeRegistry.of(List.of(Counter.TYPE.withUpcaster("counter.gone", 1, m -> m))))
        .hasMessage("upcaster for unknown type name \"counter.gone\"");
    assertThatThrownBy(
            () -> TypeRegistry.of(List.of(Counter.TYPE.withUpcaster("counter.added", 1, m -> m))))
        .hasMessage(
            "upcaster for \"counter.added\" from version 1 is pointless: the current version is 1");
    assertThatThrownBy(
            () -> TypeRegistry.of(List.of(Diary.TYPE.withUpcaster("diary.written", 2, m -> m))))
        .hasMessage("two upcasters for \"diary.written\" from version 2");
  }

  @Test
  void theSameEntityTypeRegisteredWithItsRowsKeepsOneEntryPerClass() {
    var registry = TypeRegistry.of(List.of(Counter.TYPE), List.of(Counter.State.class));

    // Registered as a state and again as a row: one entry, not a clash of its name with itself.
    assertThat(registry.forName(registry.forClass(Counter.State.class).name()).type())
        .isEqualTo(Counter.State.class);
  }
}
