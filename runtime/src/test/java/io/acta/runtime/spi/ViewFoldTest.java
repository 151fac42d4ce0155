package io.acta.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.TypeName;
import io.acta.api.view.View;
import io.acta.api.view.ViewEvent;
import io.acta.api.view.ViewType;
import io.acta.runtime.fixtures.Counter;
import io.acta.runtime.fixtures.Jar;
import io.acta.runtime.fixtures.Tallies;
import io.acta.runtime.fixtures.Tallies.Tally;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewFoldTest {
  private static final ViewFold<Tally> FOLD = new ViewFold<>(Tallies.TYPE);

  @TypeName("test.broken-row")
  record Broken(String key) {}

  /** A view whose code returns nothing. */
  static final class ReturnsNull implements View<Counter.Event, Broken> {
    public String keyOf(ViewEvent<Counter.Event> event) {
      return event.entityId();
    }

    public Broken initial(String key) {
      return key.equals("no-initial") ? null : new Broken(key);
    }

    public Broken apply(Broken row, ViewEvent<Counter.Event> event) {
      return null;
    }
  }

  private static <E> ViewEvent<E> event(String type, String id, E payload) {
    return new ViewEvent<>(type, id, 1, Instant.EPOCH, payload);
  }

  @Test
  void eachEntityTypesEventsAreKeyedByItsOwnView() {
    assertThat(FOLD.keyOf(event("counter", "c1", new Counter.Added(1)))).isEqualTo("c1");
    assertThat(FOLD.keyOf(event("jar", "blue-7", new Jar.Dropped(1)))).isEqualTo("blue");
  }

  @Test
  void eventsTheViewIgnoresOrOfEntityTypesItDoesNotReadHaveNoKey() {
    assertThat(FOLD.keyOf(event("counter", "c1", new Counter.Cleared()))).isNull();
    assertThat(FOLD.keyOf(event("elsewhere", "c1", new Counter.Added(1)))).isNull();
  }

  @Test
  void aRowStartsFromTheFirstSourcesInitialRow() {
    assertThat(FOLD.initial("k")).isEqualTo(new Tally("k", 0, List.of()));
  }

  @Test
  void eachEventIsAppliedByTheViewOfItsEntityType() {
    Tally row = FOLD.apply(FOLD.initial("k"), event("counter", "k", new Counter.Added(2)));
    row = FOLD.apply(row, event("jar", "k-1", new Jar.Dropped(3)));

    assertThat(row).isEqualTo(new Tally("k", 5, List.of("counter|k#1", "jar|k-1#1")));
  }

  @Test
  void aViewReturningNoRowIsReportedByNameWithTheEvent() {
    var fold = new ViewFold<>(ViewType.of("broken", Broken.class, Counter.TYPE, new ReturnsNull()));

    assertThatThrownBy(
            () -> fold.apply(new Broken("k"), event("counter", "k", new Counter.Added(1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("apply() of view 'broken' returned null for Added");
    assertThatThrownBy(() -> fold.initial("no-initial"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("initial() of view 'broken' returned null for no-initial");
  }

  /** Keys rows by a prefix of the entity id: not a row per entity, whatever it declares. */
  static final class ByPrefix implements View<Counter.Event, Broken> {
    public String keyOf(ViewEvent<Counter.Event> event) {
      return event.entityId().substring(0, 1);
    }

    public Broken initial(String key) {
      return new Broken(key);
    }

    public Broken apply(Broken row, ViewEvent<Counter.Event> event) {
      return row;
    }
  }

  /** Any view of jars. */
  static final class ByPrefixOfJars implements View<Jar.Dropped, Broken> {
    public String keyOf(ViewEvent<Jar.Dropped> event) {
      return event.entityId();
    }

    public Broken initial(String key) {
      return new Broken(key);
    }

    public Broken apply(Broken row, ViewEvent<Jar.Dropped> event) {
      return row;
    }
  }

  @Test
  void aViewDeclaringARowPerEntityMustKeyEachEventByItsEntity() {
    var perEntity =
        new ViewFold<>(
            ViewType.of("by-entity", Broken.class, Counter.TYPE, new ReturnsNull()).rowPerEntity());
    var lying =
        new ViewFold<>(
            ViewType.of("by-prefix", Broken.class, Counter.TYPE, new ByPrefix()).rowPerEntity());

    assertThat(perEntity.keyOf(event("counter", "c1", new Counter.Added(1)))).isEqualTo("c1");
    assertThat(lying.keyOf(event("counter", "c", new Counter.Added(1)))).isEqualTo("c");
    assertThatThrownBy(() -> lying.keyOf(event("counter", "c1", new Counter.Added(1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "view 'by-prefix' keeps a row per entity, but its keyOf gave 'c' for an event of"
                + " entity 'c1'");
  }

  @Test
  void aRowPerEntityIsForAViewOfOneEntityTypeOnly() {
    assertThatThrownBy(() -> Tallies.TYPE.rowPerEntity())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a row per entity needs one");
    var perEntity =
        ViewType.of("by-entity", Broken.class, Counter.TYPE, new ReturnsNull()).rowPerEntity();
    assertThatThrownBy(() -> perEntity.alsoFrom(Jar.TYPE, new ByPrefixOfJars()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read a second type");
  }
}
