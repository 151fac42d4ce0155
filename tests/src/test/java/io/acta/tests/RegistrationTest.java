package io.acta.tests;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.Done;
import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;
import io.acta.runtime.ActaNode;
import org.junit.jupiter.api.Test;

/** Mistakes in declaring an entity type are reported when it is declared, each naming the class. */
class RegistrationTest {

  interface OpenCommand<R> extends ReplyType<R> {}

  @TypeName("bad.cmd")
  record Cmd() implements OpenCommand<Done> {}

  sealed interface Ev {}

  record Unnamed() implements Ev {}

  @TypeName("bad.state")
  record St() {}

  static final class NotSealed implements EventSourcedEntity<OpenCommand<?>, Ev, St> {
    public St emptyState() {
      return new St();
    }

    public Effect<Ev, St> decide(St s, OpenCommand<?> c) {
      return effects().none();
    }

    public St evolve(St s, Ev e) {
      return s;
    }
  }

  sealed interface ImpostorCommand<R> extends ReplyType<R> {}

  @TypeName("probe.add")
  record Impostor() implements ImpostorCommand<Done> {}

  static final class ImpostorEntity
      implements EventSourcedEntity<ImpostorCommand<?>, Probe.Event, Probe.State> {
    public Probe.State emptyState() {
      return new Probe.State(0, 0);
    }

    public Effect<Probe.Event, Probe.State> decide(Probe.State s, ImpostorCommand<?> c) {
      return effects().none();
    }

    public Probe.State evolve(Probe.State s, Probe.Event e) {
      return s;
    }
  }

  @Test
  void openCommandHierarchiesAndUnnamedTypesAreRefusedWithEveryProblemListed() {
    assertThatThrownBy(() -> EntityType.of("bad", new NotSealed()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OpenCommand must be sealed")
        .hasMessageContaining("Unnamed has no @TypeName");
  }

  @Test
  void namesMustBeUsable() {
    assertThatThrownBy(() -> EntityType.of("has space", new Probe()))
        .hasMessageContaining("must start with a letter");
  }

  @Test
  void twoTypesCannotShareAStoredName() {
    var clash = EntityType.of("impostor", new ImpostorEntity());
    assertThatThrownBy(() -> ActaNode.builder("clash").entity(Probe.TYPE, clash).start())
        .hasMessageContaining("\"probe.add\" is used by both");
  }

  @Test
  void anUpcasterForAnUnknownNameIsRefused() {
    var typo = Notebook.TYPE.withUpcaster("notebook.notd", 1, m -> m);
    assertThatThrownBy(() -> ActaNode.builder("typo").entity(typo).start())
        .hasMessageContaining("upcaster for unknown type name \"notebook.notd\"");
  }
}
