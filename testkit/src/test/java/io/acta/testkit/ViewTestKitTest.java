package io.acta.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.TypeName;
import io.acta.api.view.View;
import io.acta.api.view.ViewEvent;
import io.acta.api.view.ViewType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ViewTestKitTest {

  /**
   * Per tab: how many orders, and the sequence number and time of the last one. Settling is
   * ignored.
   */
  @TypeName("tab.summary")
  record Summary(String tab, int orders, long lastSeq, Instant lastAt) {}

  static final class Summaries implements View<Tab.Event, Summary> {
    public String keyOf(ViewEvent<Tab.Event> e) {
      return e.payload() instanceof Tab.Ordered ? e.entityId() : null;
    }

    public Summary initial(String key) {
      return new Summary(key, 0, 0, null);
    }

    public Summary apply(Summary row, ViewEvent<Tab.Event> e) {
      return new Summary(row.tab(), row.orders() + 1, e.sequenceNr(), e.timestamp());
    }
  }

  /** Per item: the prices it was ordered at, in order, across every tab. */
  @TypeName("tab.item-prices")
  record ItemPrices(String item, List<Integer> prices) {}

  static final class ByItem implements View<Tab.Event, ItemPrices> {
    public String keyOf(ViewEvent<Tab.Event> e) {
      return e.payload() instanceof Tab.Ordered o ? o.item() : null;
    }

    public ItemPrices initial(String key) {
      return new ItemPrices(key, List.of());
    }

    public ItemPrices apply(ItemPrices row, ViewEvent<Tab.Event> e) {
      var prices = new ArrayList<>(row.prices());
      prices.add(((Tab.Ordered) e.payload()).price());
      return new ItemPrices(row.item(), List.copyOf(prices));
    }
  }

  /** A row that is not equal to itself once read back. */
  @TypeName("tab.marks")
  record Marks(int[] counts) {}

  static final class MarksView implements View<Tab.Event, Marks> {
    public String keyOf(ViewEvent<Tab.Event> e) {
      return e.entityId();
    }

    public Marks initial(String key) {
      return new Marks(new int[0]);
    }

    public Marks apply(Marks row, ViewEvent<Tab.Event> e) {
      return new Marks(new int[] {row.counts().length + 1});
    }
  }

  static final ViewType<Summary> SUMMARIES =
      ViewType.of("tab-summaries", Summary.class, Tab.TYPE, new Summaries());
  static final ViewType<ItemPrices> BY_ITEM =
      ViewType.of("item-prices", ItemPrices.class, Tab.TYPE, new ByItem());

  @Test
  void eventsGetSequenceNumbersPerEntityAndTimestampsOneSecondApart() {
    var kit =
        ViewTestKit.of(SUMMARIES)
            .given("t1", new Tab.Ordered("tea", 3), new Tab.Ordered("cake", 4))
            .given("t2", new Tab.Ordered("tea", 3))
            .given("t1", new Tab.Settled(), new Tab.Ordered("tea", 3));

    kit.thenRow("t1", new Summary("t1", 3, 4, ViewTestKit.START.plusSeconds(4)))
        .thenRow("t2", new Summary("t2", 1, 1, ViewTestKit.START.plusSeconds(2)));
  }

  @Test
  void eventsOfManyEntitiesFoldIntoTheRowTheirKeyNames() {
    var kit =
        ViewTestKit.of(BY_ITEM)
            .given("t1", new Tab.Ordered("tea", 3), new Tab.Ordered("cake", 4))
            .given("t2", new Tab.Ordered("tea", 2));

    assertThat(kit.row("tea")).isEqualTo(new ItemPrices("tea", List.of(3, 2)));
    assertThat(kit.rows().keySet()).containsExactly("tea", "cake");
  }

  @Test
  void aKeyNoEventReachedHasNoRow() {
    var kit = ViewTestKit.of(SUMMARIES).given("t1", new Tab.Settled());

    kit.thenNoRow("t1");
    assertThat(kit.row("t1")).isNull();
    assertThatThrownBy(() -> kit.thenRow("t1", new Summary("t1", 0, 0, null)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("unexpected row 't1'");
  }

  @Test
  void aRowThatIsThereFailsThenNoRow() {
    var kit = ViewTestKit.of(SUMMARIES).given("t1", new Tab.Ordered("tea", 3));

    assertThatThrownBy(() -> kit.thenNoRow("t1"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("expected no row 't1' but found");
  }

  @Test
  void aRowThatDoesNotSurviveSerializationFailsTheTest() {
    var marks = ViewType.of("tab-marks", Marks.class, Tab.TYPE, new MarksView());

    assertThatThrownBy(() -> ViewTestKit.of(marks).given("t1", new Tab.Ordered("tea", 3)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage("row is not equal to itself after serialization");
  }
}
