package io.acta.runtime.internal.serialization;

import io.acta.api.entity.EntityType;
import io.acta.api.entity.TypeName;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Every stored or sent type of the registered entity types, by class and by its user-given name,
 * with the upcasters that bring old versions of a name up to the current one.
 */
public final class TypeRegistry {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** A registered type: its class, stored name and current version. */
  public record Entry(Class<?> type, String name, int version) {
    /** The manifest stored beside each payload: {@code name@version}. */
    public String manifest() {
      return name + "@" + version;
    }
  }

  private final Map<Class<?>, Entry> byClass = new HashMap<>();
  private final Map<String, Entry> byName = new HashMap<>();
  private final Map<String, UnaryOperator<Map<String, Object>>> upcasters = new HashMap<>();

  private TypeRegistry() {}

  /** The registry of these entity types' classes, plus the built-in reply types. */
  public static TypeRegistry of(Collection<? extends EntityType<?, ?, ?>> types) {
    return of(types, List.of());
  }

  /**
   * The registry of these entity types' classes and of further stored classes (such as view rows),
   * each named with {@link TypeName}, plus the built-in reply types.
   */
  public static TypeRegistry of(
      Collection<? extends EntityType<?, ?, ?>> types, Collection<Class<?>> more) {
    return of(types, more, List.of());
  }

  /**
   * The registry of these entity types' classes and of further named classes, with upcasters for
   * the further classes' older versions (messages that are not any entity's).
   */
  public static TypeRegistry of(
      Collection<? extends EntityType<?, ?, ?>> types,
      Collection<Class<?>> more,
      Collection<EntityType.Upcaster> moreUpcasters) {
    var r = new TypeRegistry();
    r.add(new Entry(String.class, "acta.string", 1));
    r.add(new Entry(Long.class, "acta.long", 1));
    r.add(new Entry(Integer.class, "acta.int", 1));
    r.add(new Entry(Boolean.class, "acta.boolean", 1));
    for (EntityType<?, ?, ?> t : types) {
      for (Class<?> c : t.classes().allMessageClasses()) {
        TypeName n = c.getAnnotation(TypeName.class);
        r.add(new Entry(c, n.value(), n.version()));
      }
    }
    for (Class<?> c : more) {
      TypeName n = c.getAnnotation(TypeName.class);
      if (n == null)
        throw new IllegalArgumentException(
            c.getName() + " has no @TypeName: give it the stable name it is stored under");
      r.add(new Entry(c, n.value(), n.version()));
    }
    for (EntityType<?, ?, ?> t : types) {
      for (EntityType.Upcaster u : t.upcasters()) r.addUpcaster(u);
    }
    for (EntityType.Upcaster u : moreUpcasters) r.addUpcaster(u);
    return r;
  }

  private void add(Entry e) {
    if (!NAME.matcher(e.name()).matches()) {
      throw new IllegalArgumentException(
          "@TypeName \""
              + e.name()
              + "\" of "
              + e.type().getName()
              + " must hold only letters, digits, '.', '-' and '_'");
    }
    if (e.version() < 1)
      throw new IllegalArgumentException(
          "@TypeName version of " + e.type().getName() + " must be >= 1");
    Entry sameClass = byClass.get(e.type());
    if (sameClass != null) return; // a type shared by two entity types (e.g. a reply record)
    Entry sameName = byName.get(e.name());
    if (sameName != null) {
      throw new IllegalArgumentException(
          "@TypeName \""
              + e.name()
              + "\" is used by both "
              + sameName.type().getName()
              + " and "
              + e.type().getName()
              + ": stored names must be unique");
    }
    byClass.put(e.type(), e);
    byName.put(e.name(), e);
  }

  private void addUpcaster(EntityType.Upcaster u) {
    Entry target = byName.get(u.typeName());
    if (target == null) {
      throw new IllegalArgumentException("upcaster for unknown type name \"" + u.typeName() + "\"");
    }
    if (u.fromVersion() >= target.version()) {
      throw new IllegalArgumentException(
          "upcaster for \""
              + u.typeName()
              + "\" from version "
              + u.fromVersion()
              + " is pointless: the current version is "
              + target.version());
    }
    if (upcasters.putIfAbsent(u.typeName() + "@" + u.fromVersion(), u.upcast()) != null) {
      throw new IllegalArgumentException(
          "two upcasters for \"" + u.typeName() + "\" from version " + u.fromVersion());
    }
  }

  /** The entry of a class, or {@code null} when it is not registered. */
  public Entry forClass(Class<?> type) {
    return byClass.get(type);
  }

  /** The entry of a stored name, or {@code null}. */
  public Entry forName(String name) {
    return byName.get(name);
  }

  /** The upcaster from {@code fromVersion} of {@code name}, or {@code null}. */
  public UnaryOperator<Map<String, Object>> upcaster(String name, int fromVersion) {
    return upcasters.get(name + "@" + fromVersion);
  }
}
