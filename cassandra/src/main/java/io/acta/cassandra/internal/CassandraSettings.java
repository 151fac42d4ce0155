package io.acta.cassandra.internal;

import com.typesafe.config.Config;
import io.acta.runtime.spi.WriteFence;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates {@code acta.persistence.cassandra.*} into the settings of pekko-persistence-cassandra,
 * pekko-projection-cassandra and the DataStax driver, so users configure one place.
 */
final class CassandraSettings {
  private CassandraSettings() {}

  /** The Pekko and driver settings (path to value) of the configured Cassandra store. */
  static Map<String, Object> pekkoSettings(Config config) {
    Map<String, Object> s = new HashMap<>();
    Config c = config.getConfig("acta.persistence.cassandra");
    s.put("pekko.persistence.journal.plugin", "pekko.persistence.cassandra.journal");
    s.put("pekko.persistence.snapshot-store.plugin", "pekko.persistence.cassandra.snapshot");
    for (String part : List.of("journal", "snapshot")) {
      String p = "pekko.persistence.cassandra." + part + ".";
      s.put(p + "keyspace", c.getString(part.equals("journal") ? "keyspace" : "snapshot-keyspace"));
      s.put(p + "replication-strategy", c.getString("replication-strategy"));
      s.put(p + "replication-factor", c.getInt("replication-factor"));
      s.put(
          p + "data-center-replication-factors",
          c.getStringList("data-center-replication-factors"));
      // The schema is created by an explicit step (CassandraSchema), never as a side effect.
      s.put(p + "keyspace-autocreate", false);
      s.put(p + "tables-autocreate", false);
      for (String key : List.of("max-failures", "call-timeout", "reset-timeout")) {
        s.put(p + "circuit-breaker." + key, c.getValue("circuit-breaker." + key).unwrapped());
      }
    }
    // Acta never deletes events (an entity's journal is its record; snapshots bound recovery, not
    // deletes), so a recovering entity need not read the journal's deleted_to marker first: one
    // round trip fewer, before any other. A user deleting events through the Pekko escape hatch
    // is refused by the journal with a clear error instead of leaving a marker this would skip.
    s.put("pekko.persistence.cassandra.journal.support-deletes", false);
    s.put("pekko.projection.cassandra.offset-store.keyspace", c.getString("keyspace"));
    s.put(
        "pekko.persistence.cassandra.events-by-tag.first-time-bucket",
        c.getString("first-time-bucket"));
    s.put("pekko.persistence.cassandra.events-by-tag.bucket-size", c.getString("bucket-size"));
    s.put(
        "pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay",
        c.getDuration("events-by-tag.eventual-consistency-delay").toMillis() + "ms");
    Duration maxDelay = maxDelay(c);
    String tagQuery = "pekko.persistence.cassandra.events-by-tag.";
    Duration interval = c.getDuration("events-by-tag.back-track-interval");
    // A look every interval must still reach an event that became readable just after the look
    // before: it may lie up to max-delay before the offset the query had then, which has moved
    // on by up to the interval since.
    s.put(tagQuery + "back-track.period", maxDelay.plus(interval).toMillis() + "ms");
    s.put(tagQuery + "back-track.interval", interval.toMillis() + "ms");
    s.putAll(longBackTrack(c, interval, maxDelay));
    // A gap in one entity's events waits this long for the missing one before the query restarts
    // (from lookBack before its offset): at least the time a late event may take to appear.
    s.put(tagQuery + "gap-timeout", Math.max(10_000, 2 * maxDelay.toMillis()) + "ms");
    s.put(
        tagQuery + "scanning-flush-interval",
        c.getDuration("events-by-tag.recovery-checkpoint-interval").toMillis() + "ms");
    s.put(
        "pekko.persistence.cassandra.query.refresh-interval",
        c.getDuration("events-by-tag.refresh-interval").toMillis() + "ms");
    s.put(
        "pekko.persistence.cassandra.events-by-tag.pubsub-notification",
        c.getValue("events-by-tag.pubsub-notification").unwrapped());
    s.put("datastax-java-driver.basic.contact-points", c.getStringList("contact-points"));
    s.put(
        "datastax-java-driver.basic.load-balancing-policy.local-datacenter",
        c.getString("local-datacenter"));
    s.put(
        "datastax-java-driver.advanced.reconnection-policy.max-delay",
        c.getDuration("max-reconnect-delay").toMillis() + "ms");
    s.put("datastax-java-driver.advanced.reconnect-on-init", false);
    s.put(
        "datastax-java-driver.advanced.connection.max-requests-per-connection",
        c.getInt("max-requests-per-connection"));
    s.put(
        "datastax-java-driver.basic.request.timeout",
        c.getDuration("request-timeout").toMillis() + "ms");
    s.putAll(credentials(c));
    if (WriteFence.enabled(config)) {
      s.put(
          THROTTLER,
          fenced(config, THROTTLER, "PassThroughRequestThrottler", FenceThrottler.class));
      s.put(
          TIMESTAMPS,
          fenced(config, TIMESTAMPS, "AtomicTimestampGenerator", FenceTimestampGenerator.class));
      for (String provider : List.of(JOURNAL_SESSIONS, OFFSET_STORE_SESSIONS)) {
        s.put(
            provider,
            fenced(config, provider, "DefaultSessionProvider", FencedSessionProvider.class));
      }
    }
    return s;
  }

  /** Login and TLS: the driver's auth provider and SSL engine factory, when asked for. */
  static Map<String, Object> credentials(Config c) {
    Map<String, Object> s = new HashMap<>();
    String driver = "datastax-java-driver.advanced.";
    if (!c.getString("username").isEmpty()) {
      s.put(driver + "auth-provider.class", "PlainTextAuthProvider");
      s.put(driver + "auth-provider.username", c.getString("username"));
      s.put(driver + "auth-provider.password", c.getString("password"));
    }
    if (c.getBoolean("tls.enabled")) {
      String ssl = driver + "ssl-engine-factory.";
      s.put(ssl + "class", "DefaultSslEngineFactory");
      s.put(ssl + "hostname-validation", c.getBoolean("tls.hostname-validation"));
      for (String store : List.of("truststore", "keystore")) {
        if (c.getString("tls." + store).isEmpty()) continue;
        s.put(ssl + store + "-path", c.getString("tls." + store));
        s.put(ssl + store + "-password", c.getString("tls." + store + "-password"));
      }
    }
    return s;
  }

  /**
   * How far before its stored offset a (re)started projection reads events-by-tag: the events that
   * may still appear behind an offset it stored ({@link LookBackEvents}).
   */
  static Duration lookBack(Config config) {
    Config c = config.getConfig("acta.persistence.cassandra");
    return maxDelay(c).plus(c.getDuration("events-by-tag.eventual-consistency-delay"));
  }

  /**
   * The long back-track, bounded: pekko-persistence-cassandra's own reaches back to the start of
   * the previous time bucket, which with Day buckets re-reads up to two days of a slice's events
   * every two minutes in every projection.
   */
  private static Map<String, Object> longBackTrack(Config c, Duration interval, Duration maxDelay) {
    String tagQuery = "pekko.persistence.cassandra.events-by-tag.back-track.";
    String path = "events-by-tag.long-back-track-interval";
    Duration longPeriod = c.getDuration("events-by-tag.long-back-track-period");
    // A long back-track that reaches no further than the short one would only repeat it.
    if (c.getString(path).equalsIgnoreCase("off")
        || longPeriod.compareTo(maxDelay.plus(interval)) <= 0)
      // pekko reads "off" as no long back-track at all; its period is then never used.
      return Map.of(tagQuery + "long-interval", "off", tagQuery + "long-period", "max");
    Duration longInterval = c.getDuration(path);
    if (longInterval.compareTo(interval) <= 0)
      throw new IllegalArgumentException(
          "acta.persistence.cassandra."
              + path
              + " ("
              + longInterval.toMillis()
              + " ms) must be longer than events-by-tag.back-track-interval ("
              + interval.toMillis()
              + " ms).");
    // pekko forgets an entity it has not seen for two time buckets and refuses a look back as
    // long as that: with Minute buckets the period is cut to what it allows.
    Duration forgotten = bucket(c.getString("bucket-size")).multipliedBy(2);
    Duration allowed = forgotten.multipliedBy(9).dividedBy(10).minusMillis(1);
    if (longPeriod.compareTo(allowed) > 0) longPeriod = allowed;
    return Map.of(
        tagQuery + "long-interval",
        longInterval.toMillis() + "ms",
        tagQuery + "long-period",
        longPeriod.toMillis() + "ms");
  }

  /**
   * The length of an events-by-tag time bucket of {@code size} ("Day", "Hour" or "Minute", in any
   * case, as pekko-persistence-cassandra reads it).
   */
  static Duration bucket(String size) {
    return switch (size.toLowerCase(Locale.ROOT)) {
      case "day" -> Duration.ofDays(1);
      case "hour" -> Duration.ofHours(1);
      case "minute" -> Duration.ofMinutes(1);
      default ->
          throw new IllegalArgumentException(
              "acta.persistence.cassandra.bucket-size must be Day, Hour or Minute, not " + size);
    };
  }

  private static Duration maxDelay(Config c) {
    Duration maxDelay = c.getDuration("events-by-tag.max-delay");
    Duration delay = c.getDuration("events-by-tag.eventual-consistency-delay");
    if (maxDelay.compareTo(delay) < 0) {
      throw new IllegalArgumentException(
          "acta.persistence.cassandra.events-by-tag.max-delay ("
              + maxDelay.toMillis()
              + " ms) must not be shorter than events-by-tag.eventual-consistency-delay ("
              + delay.toMillis()
              + " ms): an event is read no sooner than the delay, so it may trail by that much.");
    }
    return maxDelay;
  }

  static final String THROTTLER = "datastax-java-driver.advanced.throttler.class";
  static final String TIMESTAMPS = "datastax-java-driver.advanced.timestamp-generator.class";
  static final String JOURNAL_SESSIONS = "pekko.persistence.cassandra.session-provider";
  static final String OFFSET_STORE_SESSIONS =
      "pekko.projection.cassandra.session-config.session-provider";

  /**
   * Acta's class for a driver setting the pause fence needs, unless the configuration already names
   * another one than the driver's default: then the node is refused, since silently replacing it
   * would drop the user's choice and silently keeping it would drop the fence.
   */
  private static String fenced(Config config, String path, String driverDefault, Class<?> ours) {
    if (config.hasPath(path)) {
      String configured = config.getString(path);
      String simple = configured.substring(configured.lastIndexOf('.') + 1);
      if (!simple.equals(driverDefault) && !configured.equals(ours.getName())) {
        throw new IllegalArgumentException(
            path
                + " is set to "
                + configured
                + ", but acta.node.pause-fence needs its own class there ("
                + ours.getName()
                + "), which keeps a node that was paused from writing over the node that took its"
                + " entities over. Remove the setting, or set acta.node.pause-fence = off to keep"
                + " it and lose that guarantee.");
      }
    }
    return ours.getName();
  }
}
