package io.acta.testkit;

import io.acta.api.entity.EntityType;
import io.acta.api.entity.PersistenceId;
import io.acta.api.view.ViewEvent;
import io.acta.api.view.ViewType;
import io.acta.runtime.spi.Codec;
import io.acta.runtime.spi.ViewFold;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Tests a view's own {@code keyOf}, {@code initial} and {@code apply} without a store, given /
 * then:
 *
 * <pre>{@code
 * ViewTestKit.of(LedgerViews.TOTALS)
 *     .given("acc-1", new Opened("ada", "EUR"), new Deposited(Money.of(100, "EUR")))
 *     .given("acc-2", new Opened("bob", "EUR"))
 *     .thenRow("EUR", new CurrencyTotals("EUR", 2, BigInteger.valueOf(100), BigInteger.ZERO, BigInteger.valueOf(100)));
 * }</pre>
 *
 * <p>Events get sequence numbers per entity from 1 and timestamps one second apart from {@link
 * #START}. Every row is also written and read back through the runtime's serializer.
 *
 * @param <V> the row type
 */
public final class ViewTestKit<V> {
  /** The timestamp of the first given event. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final ViewFold<V> fold;
  private final Codec codec;
  private final Map<String, V> rows = new LinkedHashMap<>();
  private final Map<String, Long> sequenceNrs = new HashMap<>();
  private Instant clock = START;

  private ViewTestKit(ViewType<V> type) {
    this.fold = new ViewFold<>(type);
    this.codec = Codec.of(type.sourceTypes(), List.of(type.rowType()));
  }

  /** A test kit for the view, with no rows yet. */
  public static <V> ViewTestKit<V> of(ViewType<V> type) {
    return new ViewTestKit<>(type);
  }

  /** Events of entity {@code entityId} of the view's first source type, in order. */
  public ViewTestKit<V> given(String entityId, Object... events) {
    return given(fold.type().sourceTypes().getFirst(), entityId, events);
  }

  /** Events of entity {@code entityId} of {@code entityType}, in order. */
  public ViewTestKit<V> given(EntityType<?, ?, ?> entityType, String entityId, Object... events) {
    for (Object event : events) {
      String pid = PersistenceId.of(entityType.name(), entityId).value();
      long seq = sequenceNrs.merge(pid, 1L, Long::sum);
      var viewEvent =
          new ViewEvent<>(entityType.name(), entityId, seq, clock, Objects.requireNonNull(event));
      clock = clock.plus(Duration.ofSeconds(1));
      String key = fold.keyOf(viewEvent);
      if (key == null) continue;
      V row = rows.containsKey(key) ? rows.get(key) : fold.initial(key);
      rows.put(key, roundTrip(fold.apply(row, viewEvent)));
    }
    return this;
  }

  /** The row of {@code key}, or {@code null} when no event reached it. */
  public V row(String key) {
    return rows.get(key);
  }

  /** Every row, by key, in the order keys first appeared. */
  public Map<String, V> rows() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(rows));
  }

  /** Asserts the row of {@code key}. */
  public ViewTestKit<V> thenRow(String key, V expected) {
    V actual = rows.get(key);
    if (!Objects.equals(expected, actual))
      throw new AssertionFailedError("unexpected row '" + key + "'", expected, actual);
    return this;
  }

  /** Asserts that no event reached {@code key}. */
  public ViewTestKit<V> thenNoRow(String key) {
    if (rows.containsKey(key))
      throw new AssertionFailedError("expected no row '" + key + "' but found " + rows.get(key));
    return this;
  }

  @SuppressWarnings("unchecked")
  private V roundTrip(V row) {
    Object back;
    try {
      back = codec.decode(codec.encode(row), codec.manifest(row));
    } catch (RuntimeException e) {
      throw new AssertionFailedError(
          "row " + row + " does not survive serialization: " + e.getMessage(), e);
    }
    if (!row.equals(back))
      throw new AssertionFailedError("row is not equal to itself after serialization", row, back);
    return (V) back;
  }
}
