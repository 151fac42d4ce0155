package io.acta.api.entity;

import io.acta.config.Constraint;
import io.acta.config.Setting;
import io.acta.config.SettingValues;
import io.acta.config.SettingsTable;
import java.time.Duration;

/**
 * How the runtime treats one entity type: snapshots, passivation, ask timeout and idempotency.
 *
 * <p>Every field can be set in code through {@link #builder()}, and in HOCON under {@code
 * acta.entity-types.<type-name>}, where any key present wins over the code's value. Each setting is
 * declared once, in {@link #SETTINGS}: its key, default, documentation and allowed values; the
 * module's {@code reference.conf} shows the same under {@code acta.entity-defaults}.
 *
 * @param snapshotEvery write a snapshot every this many events; {@code 0} disables snapshots
 * @param keepSnapshots how many snapshots are kept per entity
 * @param passivateAfterIdle stop an entity idle for this long; {@link Duration#ZERO} never does
 * @param askTimeout how long a caller waits for a reply
 * @param idempotencyWindow how long an idempotency key is remembered
 * @param idempotencyCachedKeys how many of its newest idempotency keys an entity keeps in memory
 * @param slices how many slices the type's events are tagged into, for projections
 */
public record EntitySettings(
    int snapshotEvery,
    int keepSnapshots,
    Duration passivateAfterIdle,
    Duration askTimeout,
    Duration idempotencyWindow,
    int idempotencyCachedKeys,
    int slices) {

  /** {@code snapshot-every}. */
  public static final Setting<Integer> SNAPSHOT_EVERY =
      Setting.integer(
              "snapshot-every",
              100,
              """
              Write a snapshot after this many events, bounding how many events a recovery replays.
              0 turns snapshots off.\
              """)
          .requiring(Constraint.atLeast(0));

  /** {@code keep-snapshots}. */
  public static final Setting<Integer> KEEP_SNAPSHOTS =
      Setting.integer(
              "keep-snapshots",
              2,
              """
              How many snapshots to keep per entity; older ones (and the events they cover, never) are deleted.\
              """)
          .requiring(Constraint.atLeast(1));

  /** {@code passivate-after-idle}; {@link Duration#ZERO} is {@code off}. */
  public static final Setting<Duration> PASSIVATE_AFTER_IDLE =
      Setting.durationOrOff(
          "passivate-after-idle",
          Duration.ofMinutes(2),
          """
          Stop an entity that has received no message for this long; it recovers from the journal
          (and its latest snapshot) on the next message. "off" keeps entities in memory until rebalance.\
          """);

  /** {@code ask-timeout}. */
  public static final Setting<Duration> ASK_TIMEOUT =
      Setting.duration(
              "ask-timeout",
              Duration.ofSeconds(5),
              """
              How long a caller waits for an entity's reply before the command fails with a timeout.\
              """)
          .requiring(Constraint.positive());

  /** {@code idempotency.window}. */
  public static final Setting<Duration> IDEMPOTENCY_WINDOW =
      Setting.duration(
              "idempotency.window",
              Duration.ofHours(24),
              """
              A command carrying an idempotency key that repeats a key seen within this window gets the
              original reply and persists nothing.\
              """)
          .requiring(Constraint.positive());

  /** {@code idempotency.cached-keys}. */
  public static final Setting<Integer> IDEMPOTENCY_CACHED_KEYS =
      Setting.integer(
              "idempotency.cached-keys",
              32,
              """
              How many of its newest keys an entity keeps in memory and in its snapshots, so that a quick
              retry is answered without a read. It bounds nothing else: every key is recognised for the
              whole window, however many there are, through the store's key index.\
              """)
          .requiring(Constraint.between(1, 10_000));

  /** {@code slices}. */
  public static final Setting<Integer> SLICES =
      Setting.integer(
              "slices",
              4,
              """
              Events are tagged "<type>-<slice>", the slice fixed by the entity id, so that projections can
              read a type's events in this many parallel, ordered streams. Never change it once events of
              the type are stored: an entity's later events would land in another slice.\
              """)
          .requiring(Constraint.between(1, 1024));

  /** Every setting of an entity type, with the defaults, under {@code acta.entity-defaults}. */
  public static final SettingsTable SETTINGS =
      SettingsTable.of(
          "acta.entity-defaults",
          SNAPSHOT_EVERY,
          KEEP_SNAPSHOTS,
          PASSIVATE_AFTER_IDLE,
          ASK_TIMEOUT,
          IDEMPOTENCY_WINDOW,
          IDEMPOTENCY_CACHED_KEYS,
          SLICES);

  /** Validates each field against its declaration in {@link #SETTINGS}. */
  public EntitySettings {
    SETTINGS.check(SNAPSHOT_EVERY, snapshotEvery);
    SETTINGS.check(KEEP_SNAPSHOTS, keepSnapshots);
    SETTINGS.check(PASSIVATE_AFTER_IDLE, passivateAfterIdle);
    SETTINGS.check(ASK_TIMEOUT, askTimeout);
    SETTINGS.check(IDEMPOTENCY_WINDOW, idempotencyWindow);
    SETTINGS.check(IDEMPOTENCY_CACHED_KEYS, idempotencyCachedKeys);
    SETTINGS.check(SLICES, slices);
  }

  /** Whether idle entities are passivated at all. */
  public boolean passivates() {
    return !passivateAfterIdle.isZero();
  }

  /** A builder starting from the built-in defaults (those declared in {@link #SETTINGS}). */
  public static Builder builder() {
    return new Builder(SettingValues.empty());
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(values());
  }

  /** Every setting of this record as a value of {@link #SETTINGS}. */
  public SettingValues values() {
    return SettingValues.empty()
        .with(SNAPSHOT_EVERY, snapshotEvery)
        .with(KEEP_SNAPSHOTS, keepSnapshots)
        .with(PASSIVATE_AFTER_IDLE, passivateAfterIdle)
        .with(ASK_TIMEOUT, askTimeout)
        .with(IDEMPOTENCY_WINDOW, idempotencyWindow)
        .with(IDEMPOTENCY_CACHED_KEYS, idempotencyCachedKeys)
        .with(SLICES, slices);
  }

  /**
   * Builds {@link EntitySettings}; each setter sets the setting of the same name in {@link
   * EntitySettings#SETTINGS}, and what is not set keeps its default.
   */
  public static final class Builder {
    private SettingValues values;

    private Builder(SettingValues values) {
      this.values = values;
    }

    /** {@link EntitySettings#SNAPSHOT_EVERY}: 0 disables snapshots. */
    public Builder snapshotEvery(int events) {
      return set(SNAPSHOT_EVERY, events);
    }

    /** {@link EntitySettings#KEEP_SNAPSHOTS}. */
    public Builder keepSnapshots(int count) {
      return set(KEEP_SNAPSHOTS, count);
    }

    /** {@link EntitySettings#PASSIVATE_AFTER_IDLE}: {@link Duration#ZERO} disables passivation. */
    public Builder passivateAfterIdle(Duration idle) {
      return set(PASSIVATE_AFTER_IDLE, idle);
    }

    /** {@link EntitySettings#ASK_TIMEOUT}. */
    public Builder askTimeout(Duration timeout) {
      return set(ASK_TIMEOUT, timeout);
    }

    /** {@link EntitySettings#IDEMPOTENCY_WINDOW}. */
    public Builder idempotencyWindow(Duration window) {
      return set(IDEMPOTENCY_WINDOW, window);
    }

    /** {@link EntitySettings#IDEMPOTENCY_CACHED_KEYS}. */
    public Builder idempotencyCachedKeys(int keys) {
      return set(IDEMPOTENCY_CACHED_KEYS, keys);
    }

    /** {@link EntitySettings#SLICES}: never change it once events are stored. */
    public Builder slices(int count) {
      return set(SLICES, count);
    }

    /**
     * Takes every value in {@code overrides} (settings of {@link EntitySettings#SETTINGS}), e.g.
     * those a configuration gives for one entity type.
     */
    public Builder apply(SettingValues overrides) {
      values = values.withAll(overrides);
      return this;
    }

    private <T> Builder set(Setting<T> setting, T value) {
      values = values.with(setting, value);
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException when a value is not allowed (the message names its key)
     */
    public EntitySettings build() {
      return new EntitySettings(
          values.get(SNAPSHOT_EVERY),
          values.get(KEEP_SNAPSHOTS),
          values.get(PASSIVATE_AFTER_IDLE),
          values.get(ASK_TIMEOUT),
          values.get(IDEMPOTENCY_WINDOW),
          values.get(IDEMPOTENCY_CACHED_KEYS),
          values.get(SLICES));
    }
  }
}
