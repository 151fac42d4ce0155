package io.acta.api.entity;

import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classes of one entity type, found from its declarations: the command, event and state types
 * from {@code EventSourcedEntity<C, E, S>}, every concrete command and event from their sealed
 * hierarchies, and each command's reply type from its {@code ReplyType<R>}. The runtime binds its
 * serializer to all of them, so no class needs registering by hand.
 *
 * @param commandType the entity's command interface
 * @param eventType the entity's event interface
 * @param stateType the entity's state class
 * @param commands every concrete command class
 * @param events every concrete event class
 * @param states every concrete state class
 * @param replyTypes each concrete command's reply class
 */
public record EntityClasses(
    Class<?> commandType,
    Class<?> eventType,
    Class<?> stateType,
    Set<Class<?>> commands,
    Set<Class<?>> events,
    Set<Class<?>> states,
    Map<Class<?>, Class<?>> replyTypes) {

  /** Reply types that need no {@link TypeName}: the runtime names them itself. */
  public static final Set<Class<?>> BUILT_IN_REPLIES =
      Set.of(String.class, Long.class, Integer.class, Boolean.class, Done.class);

  public static EntityClasses of(Class<?> entityClass) {
    Type[] args = typeArguments(entityClass);
    Class<?> command = raw(args[0]);
    Class<?> event = raw(args[1]);
    Class<?> state = raw(args[2]);
    List<String> problems = new ArrayList<>();

    Set<Class<?>> commands = concreteSubtypes(command, "command", problems);
    Set<Class<?>> events = concreteSubtypes(event, "event", problems);
    Set<Class<?>> states = concreteSubtypes(state, "state", problems);
    Map<Class<?>, Class<?>> replies = new LinkedHashMap<>();
    for (Class<?> c : commands) {
      Class<?> reply = replyTypeOf(c);
      if (reply == null || reply == Object.class) {
        problems.add(
            "command "
                + c.getName()
                + " does not declare a concrete reply type through ReplyType<R>");
      } else {
        replies.put(c, reply);
      }
    }
    requireNames(commands, problems);
    requireNames(events, problems);
    requireNames(states, problems);
    replies.values().stream()
        .filter(r -> !BUILT_IN_REPLIES.contains(r))
        .distinct()
        .forEach(r -> requireNames(Set.of(r), problems));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "entity "
              + entityClass.getName()
              + " cannot be registered:\n  - "
              + String.join("\n  - ", problems));
    }
    return new EntityClasses(command, event, state, commands, events, states, Map.copyOf(replies));
  }

  /** The reply class of a command class, or {@code null} when it cannot be determined. */
  public Class<?> replyTypeOf(Object command) {
    return replyTypes.get(command.getClass());
  }

  /** Every class whose instances are stored or sent: commands, events, states and replies. */
  public Set<Class<?>> allMessageClasses() {
    var all = new LinkedHashSet<Class<?>>();
    all.addAll(commands);
    all.addAll(events);
    all.addAll(states);
    replyTypes.values().stream()
        .filter(r -> !BUILT_IN_REPLIES.contains(r) || r == Done.class)
        .forEach(all::add);
    return all;
  }

  private static Type[] typeArguments(Class<?> entityClass) {
    for (Class<?> c = entityClass; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Type t : c.getGenericInterfaces()) {
        // EventSourcedEntity itself, or an interface extending it with the same three parameters
        // in the same order (EventSourcedProcess).
        if (t instanceof ParameterizedType p
            && p.getRawType() instanceof Class<?> raw
            && EventSourcedEntity.class.isAssignableFrom(raw)
            && p.getActualTypeArguments().length == 3) {
          return p.getActualTypeArguments();
        }
      }
    }
    throw new IllegalArgumentException(
        entityClass.getName()
            + " must implement EventSourcedEntity<Command, Event, State> (or EventSourcedProcess)"
            + " directly, with concrete type arguments");
  }

  private static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) return c;
    if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
    throw new IllegalArgumentException(
        "type argument " + t + " of EventSourcedEntity must be a concrete type");
  }

  /**
   * The concrete classes under a type: itself when concrete, else every permitted subclass,
   * recursively.
   */
  private static Set<Class<?>> concreteSubtypes(Class<?> type, String role, List<String> problems) {
    var out = new LinkedHashSet<Class<?>>();
    collect(type, role, problems, out);
    return out;
  }

  private static void collect(
      Class<?> type, String role, List<String> problems, Set<Class<?>> out) {
    boolean isAbstract = type.isInterface() || Modifier.isAbstract(type.getModifiers());
    if (!isAbstract) {
      out.add(type);
      return;
    }
    if (!type.isSealed()) {
      problems.add(
          "the "
              + role
              + " type "
              + type.getName()
              + " must be sealed (or concrete), so that every "
              + role
              + " is known and switches are exhaustive");
      return;
    }
    for (Class<?> sub : type.getPermittedSubclasses()) collect(sub, role, problems, out);
  }

  private static void requireNames(Set<Class<?>> classes, List<String> problems) {
    for (Class<?> c : classes) {
      if (c.getAnnotation(TypeName.class) == null) {
        problems.add(
            c.getName() + " has no @TypeName: give it the stable name it is stored and sent under");
      }
    }
  }

  /** Resolves R in {@code ReplyType<R>} through the class's generic interfaces. */
  static Class<?> replyTypeOf(Class<?> commandClass) {
    return resolve(commandClass, new HashMap<>());
  }

  private static Class<?> resolve(Class<?> c, Map<TypeVariable<?>, Type> bindings) {
    var supertypes = new ArrayList<Type>(List.of(c.getGenericInterfaces()));
    if (c.getGenericSuperclass() != null) supertypes.add(c.getGenericSuperclass());
    for (Type t : supertypes) {
      if (t instanceof ParameterizedType p) {
        Class<?> rawType = (Class<?>) p.getRawType();
        Type[] actual = p.getActualTypeArguments();
        if (rawType == ReplyType.class) return toClass(actual[0], bindings);
        var next = new HashMap<TypeVariable<?>, Type>();
        TypeVariable<?>[] vars = rawType.getTypeParameters();
        for (int i = 0; i < vars.length; i++) {
          Type a = actual[i];
          next.put(
              vars[i],
              a instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : a);
        }
        Class<?> found = resolve(rawType, next);
        if (found != null) return found;
      } else if (t instanceof Class<?> sc && ReplyType.class.isAssignableFrom(sc)) {
        Class<?> found = resolve(sc, Map.of());
        if (found != null) return found;
      }
    }
    return null;
  }

  private static Class<?> toClass(Type t, Map<TypeVariable<?>, Type> bindings) {
    if (t instanceof Class<?> k) return k;
    if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
    if (t instanceof TypeVariable<?> v && bindings.containsKey(v))
      return toClass(bindings.get(v), Map.of());
    return Object.class;
  }
}
