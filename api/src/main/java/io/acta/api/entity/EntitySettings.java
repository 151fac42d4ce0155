package io.acta.api.entity;

import io.acta.config.ActaConfig;
import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * How the runtime treats one entity type: snapshots, passivation, ask timeout and idempotency.
 *
 * <p>Every field can be set in code through {@link #builder()} and in HOCON under
 * {@code acta.entity-defaults} or {@code acta.entity-types.<type-name>}; see {@link #resolve}.
 *
 * @param snapshotEvery write a snapshot every this many events; {@code 0} disables snapshots
 * @param keepSnapshots how many snapshots are kept per entity
 * @param passivateAfterIdle stop an entity idle for this long; {@link Duration#ZERO} never does
 * @param askTimeout how long a caller waits for a reply
 * @param idempotencyWindow how long an idempotency key is remembered
 * @param idempotencyMaxKeys how many idempotency keys an entity remembers at most
 * @param slices how many slices the type's events are tagged into, for projections
 */
public record EntitySettings(
    int snapshotEvery,
    int keepSnapshots,
    Duration passivateAfterIdle,
    Duration askTimeout,
    Duration idempotencyWindow,
    int idempotencyMaxKeys,
    int slices) {

  public EntitySettings {
    if (snapshotEvery < 0) throw new IllegalArgumentException("snapshot-every must be >= 0, was " + snapshotEvery);
    if (keepSnapshots < 1) throw new IllegalArgumentException("keep-snapshots must be >= 1, was " + keepSnapshots);
    Objects.requireNonNull(passivateAfterIdle, "passivate-after-idle");
    requirePositive(askTimeout, "ask-timeout");
    requirePositive(idempotencyWindow, "idempotency.window");
    if (idempotencyMaxKeys < 1) throw new IllegalArgumentException("idempotency.max-keys must be >= 1, was " + idempotencyMaxKeys);
    if (slices < 1 || slices > 1024) throw new IllegalArgumentException("slices must be between 1 and 1024, was " + slices);
  }

  /** The defaults of {@code reference.conf}, read from the given configuration's {@code acta.entity-defaults}. */
  public static EntitySettings defaults(Config config) {
    return fromSection(config.getConfig("acta.entity-defaults"));
  }

  /**
   * The settings of one entity type: the code's settings, overridden by any key present under
   * {@code acta.entity-types.<typeName>} in the configuration, so operators can tune a type
   * without a rebuild.
   */
  public static EntitySettings resolve(Config config, String typeName, EntitySettings fromCode) {
    String path = "acta.entity-types.\"" + typeName + "\"";
    if (!config.hasPath(path)) return fromCode;
    Config section = config.getConfig(path);
    Builder b = fromCode.toBuilder();
    if (section.hasPath("snapshot-every")) b.snapshotEvery(section.getInt("snapshot-every"));
    if (section.hasPath("keep-snapshots")) b.keepSnapshots(section.getInt("keep-snapshots"));
    if (section.hasPath("passivate-after-idle")) b.passivateAfterIdle(durationOrOff(section, "passivate-after-idle"));
    if (section.hasPath("ask-timeout")) b.askTimeout(section.getDuration("ask-timeout"));
    if (section.hasPath("idempotency.window")) b.idempotencyWindow(section.getDuration("idempotency.window"));
    if (section.hasPath("idempotency.max-keys")) b.idempotencyMaxKeys(section.getInt("idempotency.max-keys"));
    if (section.hasPath("slices")) b.slices(section.getInt("slices"));
    return b.build();
  }

  private static EntitySettings fromSection(Config c) {
    return new EntitySettings(
        c.getInt("snapshot-every"),
        c.getInt("keep-snapshots"),
        durationOrOff(c, "passivate-after-idle"),
        c.getDuration("ask-timeout"),
        c.getDuration("idempotency.window"),
        c.getInt("idempotency.max-keys"),
        c.getInt("slices"));
  }

  private static Duration durationOrOff(Config c, String key) {
    return "off".equals(c.getValue(key).unwrapped()) ? Duration.ZERO : c.getDuration(key);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
  }

  /** Whether idle entities are passivated at all. */
  public boolean passivates() {
    return !passivateAfterIdle.isZero();
  }

  /** A builder starting from the built-in defaults (those of {@code reference.conf}). */
  public static Builder builder() {
    return defaults(ActaConfig.referenceOnly()).toBuilder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link EntitySettings}; each setter mirrors the HOCON key of the same name. */
  public static final class Builder {
    private int snapshotEvery;
    private int keepSnapshots;
    private Duration passivateAfterIdle;
    private Duration askTimeout;
    private Duration idempotencyWindow;
    private int idempotencyMaxKeys;
    private int slices;

    private Builder(EntitySettings s) {
      snapshotEvery = s.snapshotEvery;
      keepSnapshots = s.keepSnapshots;
      passivateAfterIdle = s.passivateAfterIdle;
      askTimeout = s.askTimeout;
      idempotencyWindow = s.idempotencyWindow;
      idempotencyMaxKeys = s.idempotencyMaxKeys;
      slices = s.slices;
    }

    /** {@code snapshot-every}: 0 disables snapshots. */
    public Builder snapshotEvery(int events) { this.snapshotEvery = events; return this; }
    /** {@code keep-snapshots}. */
    public Builder keepSnapshots(int count) { this.keepSnapshots = count; return this; }
    /** {@code passivate-after-idle}: {@link Duration#ZERO} disables passivation. */
    public Builder passivateAfterIdle(Duration idle) { this.passivateAfterIdle = idle; return this; }
    /** {@code ask-timeout}. */
    public Builder askTimeout(Duration timeout) { this.askTimeout = timeout; return this; }
    /** {@code idempotency.window}. */
    public Builder idempotencyWindow(Duration window) { this.idempotencyWindow = window; return this; }
    /** {@code idempotency.max-keys}. */
    public Builder idempotencyMaxKeys(int keys) { this.idempotencyMaxKeys = keys; return this; }
    /** {@code slices}: never change it once events are stored. */
    public Builder slices(int count) { this.slices = count; return this; }

    public EntitySettings build() {
      return new EntitySettings(snapshotEvery, keepSnapshots, passivateAfterIdle, askTimeout, idempotencyWindow,
          idempotencyMaxKeys, slices);
    }
  }
}
