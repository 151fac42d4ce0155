package io.acta.api.view;

import io.acta.api.entity.EntityType;
import io.acta.api.entity.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A view: a stable name, its row type, the entity types it reads and how each folds into rows, and
 * the fields it can be listed by. Declared once, as a constant, and registered with the node.
 *
 * <pre>{@code
 * public static final ViewType<Balance> BALANCES =
 *     ViewType.of("balances", Balance.class, Account.TYPE, new Balances()).indexedBy("owner", Balance::owner);
 * }</pre>
 *
 * @param <V> the row type
 */
public final class ViewType<V> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,47}");

  /** How one source entity type's events fold into this view. */
  public record Source<E, V>(EntityType<?, E, ?> entityType, View<E, V> view) {}

  private final String name;
  private final Class<V> rowType;
  private final Map<String, Source<?, V>> sources;
  private final Map<String, Function<V, String>> indexes;
  private final boolean rowPerEntity;

  private ViewType(
      String name,
      Class<V> rowType,
      Map<String, Source<?, V>> sources,
      Map<String, Function<V, String>> indexes,
      boolean rowPerEntity) {
    this.name = name;
    this.rowType = rowType;
    this.sources = sources;
    this.indexes = indexes;
    this.rowPerEntity = rowPerEntity;
  }

  /**
   * A view of one entity type's events.
   *
   * @param name lower-case letters, digits, '-' and '_', starting with a letter, at most 48
   * @param rowType a class named with {@link TypeName}: rows are stored under that name
   */
  public static <E, V> ViewType<V> of(
      String name, Class<V> rowType, EntityType<?, E, ?> source, View<E, V> view) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "view name '"
              + name
              + "' must start with a lower-case letter and hold only lower-case letters, digits,"
              + " '-' and '_' (at most 48)");
    }
    if (rowType.getAnnotation(TypeName.class) == null) {
      throw new IllegalArgumentException(
          "row type "
              + rowType.getName()
              + " of view '"
              + name
              + "' has no @TypeName: give it the stable name its rows are stored under");
    }
    var sources = new LinkedHashMap<String, Source<?, V>>();
    sources.put(source.name(), new Source<>(source, Objects.requireNonNull(view, "view")));
    return new ViewType<>(name, rowType, sources, Map.of(), false);
  }

  /** This view, also folding the events of another entity type into the same rows. */
  public <E> ViewType<V> alsoFrom(EntityType<?, E, ?> source, View<E, V> view) {
    if (rowPerEntity) {
      throw new IllegalArgumentException(
          "view '" + name + "' keeps a row per entity of one type: it cannot read a second type");
    }
    if (sources.containsKey(source.name())) {
      throw new IllegalArgumentException(
          "view '" + name + "' already reads entity type '" + source.name() + "'");
    }
    var more = new LinkedHashMap<>(sources);
    more.put(source.name(), new Source<>(source, Objects.requireNonNull(view, "view")));
    return new ViewType<>(name, rowType, more, indexes, false);
  }

  /**
   * This view, listable by {@code field}: the value {@code extractor} gives for a row ({@code null}
   * for none). The engine keeps an index of it beside the rows.
   */
  public ViewType<V> indexedBy(String field, Function<V, String> extractor) {
    if (!NAME.matcher(field).matches())
      throw new IllegalArgumentException("index name '" + field + "' is not usable");
    var more = new LinkedHashMap<>(indexes);
    if (more.put(field, Objects.requireNonNull(extractor)) != null) {
      throw new IllegalArgumentException(
          "view '" + name + "' already has an index '" + field + "'");
    }
    return new ViewType<>(name, rowType, sources, Map.copyOf(more), rowPerEntity);
  }

  /**
   * This view, declared to keep one row per source entity: its {@code keyOf} returns the event's
   * entity id (or {@code null} to pass the event over). Each row then has a single writer, and the
   * engine keeps it without a read before each write and without a conditional write: much cheaper
   * than a row many entities fold into. An event whose key is not its entity id stops the view at
   * that event with an error saying so. Only for a view of one entity type.
   */
  public ViewType<V> rowPerEntity() {
    if (sources.size() != 1) {
      throw new IllegalArgumentException(
          "view '"
              + name
              + "' reads "
              + sources.size()
              + " entity types: a row per entity needs one");
    }
    return new ViewType<>(name, rowType, sources, indexes, true);
  }

  /** Whether each row is folded from one entity's events only ({@link #rowPerEntity()}). */
  public boolean isRowPerEntity() {
    return rowPerEntity;
  }

  /** The stable name. */
  public String name() {
    return name;
  }

  /** The row class. */
  public Class<V> rowType() {
    return rowType;
  }

  /** The sources by entity type name, in declaration order. */
  public Map<String, Source<?, V>> sources() {
    return sources;
  }

  /** The indexed fields and how to read them from a row. */
  public Map<String, Function<V, String>> indexes() {
    return indexes;
  }

  /** The entity types this view reads. */
  public List<EntityType<?, ?, ?>> sourceTypes() {
    var out = new ArrayList<EntityType<?, ?, ?>>();
    sources.values().forEach(s -> out.add(s.entityType()));
    return out;
  }

  @Override
  public String toString() {
    return "ViewType[" + name + "]";
  }
}
