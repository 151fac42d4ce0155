package io.acta.api.entity;

import io.acta.config.SettingValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * An entity type: its stable name, its behaviour, and how the runtime treats it. Declared once, as
 * a constant, and registered with the node:
 *
 * <pre>{@code
 * public static final EntityType<Command<?>, Event, State> TYPE =
 *     EntityType.of("account", new Account()).withSnapshots(100, 2);
 * }</pre>
 *
 * <p>The name is part of every persistence id ({@code account|<id>}): never change it once events
 * are stored. Settings given here win over {@code acta.entity-defaults}; keys under {@code
 * acta.entity-types.<name>} in the configuration win over them.
 *
 * @param <C> the command type
 * @param <E> the event type
 * @param <S> the state type
 */
public final class EntityType<C extends ReplyType<?>, E, S> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  private final String name;
  private final EventSourcedEntity<C, E, S> entity;
  private final EntityClasses classes;

  /**
   * Only the settings code gave; the others come from configuration, then the built-in defaults.
   */
  private final SettingValues given;

  private final List<Upcaster> upcasters;

  private EntityType(
      String name,
      EventSourcedEntity<C, E, S> entity,
      EntityClasses classes,
      SettingValues given,
      List<Upcaster> upcasters) {
    this.name = name;
    this.entity = entity;
    this.classes = classes;
    // Built once to refuse an invalid value where it is given.
    EntitySettings.builder().apply(given).build();
    this.given = given;
    this.upcasters = upcasters;
  }

  /**
   * Declares an entity type. Fails at once, naming each offending class, when the command or event
   * hierarchy is not sealed or a stored type has no {@link TypeName}.
   *
   * @param name letters, digits, '-' and '_', starting with a letter, at most 64 characters
   * @param entity the behaviour; one instance serves every entity of the type, so it must hold no
   *     per-entity state
   */
  public static <C extends ReplyType<?>, E, S> EntityType<C, E, S> of(
      String name, EventSourcedEntity<C, E, S> entity) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(entity, "entity");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "entity type name '"
              + name
              + "' must start with a letter and hold only letters, digits, '-' and '_' (at most"
              + " 64)");
    }
    return new EntityType<>(
        name, entity, EntityClasses.of(entity.getClass()), SettingValues.empty(), List.of());
  }

  /** The stable name. */
  public String name() {
    return name;
  }

  /** The behaviour. */
  public EventSourcedEntity<C, E, S> entity() {
    return entity;
  }

  /** The command, event, state and reply classes found from the entity's declarations. */
  public EntityClasses classes() {
    return classes;
  }

  /**
   * The settings of this type as code gave them, over the built-in defaults. A node resolves the
   * settings it runs with in layers: {@code acta.entity-defaults}, then these, then {@code
   * acta.entity-types.<name>}; see {@link #givenSettings()}.
   */
  public EntitySettings settings() {
    return EntitySettings.builder().apply(given).build();
  }

  /** Only the settings code gave this type, each a value of {@link EntitySettings#SETTINGS}. */
  public SettingValues givenSettings() {
    return given;
  }

  /** The upcasters registered for this type's stored payloads. */
  public List<Upcaster> upcasters() {
    return upcasters;
  }

  /** Gives every setting, as {@code newSettings} holds it: configuration overrides only by type. */
  public EntityType<C, E, S> withSettings(EntitySettings newSettings) {
    return with(newSettings.values());
  }

  private EntityType<C, E, S> with(SettingValues more) {
    return new EntityType<>(name, entity, classes, given.withAll(more), upcasters);
  }

  /** A snapshot every {@code everyEvents} events (0: none), keeping the newest {@code keep}. */
  public EntityType<C, E, S> withSnapshots(int everyEvents, int keep) {
    return with(
        SettingValues.empty()
            .with(EntitySettings.SNAPSHOT_EVERY, everyEvents)
            .with(EntitySettings.KEEP_SNAPSHOTS, keep));
  }

  /** Passivate entities idle for {@code idle}; {@link Duration#ZERO} never does. */
  public EntityType<C, E, S> withPassivation(Duration idle) {
    return with(SettingValues.empty().with(EntitySettings.PASSIVATE_AFTER_IDLE, idle));
  }

  /** How long callers wait for a reply. */
  public EntityType<C, E, S> withAskTimeout(Duration timeout) {
    return with(SettingValues.empty().with(EntitySettings.ASK_TIMEOUT, timeout));
  }

  /** How long idempotency keys are remembered: every key, for the whole window. */
  public EntityType<C, E, S> withIdempotency(Duration window) {
    return with(SettingValues.empty().with(EntitySettings.IDEMPOTENCY_WINDOW, window));
  }

  /**
   * Registers an upcaster: a stored payload of {@code typeName} at {@code fromVersion} is
   * transformed into the shape of {@code fromVersion + 1} before it is read. Chains run in order
   * (v1 → v2 → v3), so each upcaster only knows its own step. The payload is the JSON object as a
   * mutable map (nested objects as maps, arrays as lists); return the transformed map.
   */
  public EntityType<C, E, S> withUpcaster(
      String typeName, int fromVersion, UnaryOperator<Map<String, Object>> upcast) {
    var all = new ArrayList<>(upcasters);
    all.add(new Upcaster(typeName, fromVersion, upcast));
    return new EntityType<>(name, entity, classes, given, List.copyOf(all));
  }

  /** Whether {@code command} belongs to this entity type. */
  public boolean accepts(Object command) {
    return classes.commandType().isInstance(command);
  }

  @Override
  public String toString() {
    return "EntityType[" + name + "]";
  }

  /**
   * One step of a payload's schema evolution.
   *
   * @param typeName the stored name, as in {@link TypeName#value()}
   * @param fromVersion the version this step reads; it produces {@code fromVersion + 1}
   * @param upcast the transformation
   */
  public record Upcaster(
      String typeName, int fromVersion, UnaryOperator<Map<String, Object>> upcast) {
    public Upcaster {
      Objects.requireNonNull(typeName, "typeName");
      Objects.requireNonNull(upcast, "upcast");
      if (fromVersion < 1) throw new IllegalArgumentException("fromVersion must be >= 1");
    }
  }
}
