package io.acta.cassandra.internal;

import io.acta.config.Setting;
import io.acta.config.SettingsTable;
import java.time.Duration;
import java.util.List;

/**
 * The declarations of the Cassandra store's settings, under {@code acta.persistence.cassandra},
 * which a unit test compares with this module's {@code reference.conf} so the two cannot drift
 * apart. {@link CassandraSettings} and {@link CassandraStartup} still read them by path.
 */
public final class CassandraStoreSettings {
  private CassandraStoreSettings() {}

  /** {@code acta.persistence.cassandra.embedded}. */
  public static final Setting<Boolean> EMBEDDED =
      Setting.bool(
          "embedded",
          false,
          """
          Dev mode: start a real Cassandra server in a child JVM (settings under
          acta.cassandra.embedded, data under ./data/cassandra by default) and use it, whatever
          contact-points says. It stops with the node. Never for production.\
          """);

  /** {@code acta.persistence.cassandra.contact-points}. */
  public static final Setting<List<String>> CONTACT_POINTS =
      Setting.stringList(
          "contact-points",
          List.of("127.0.0.1:9042"),
          """
          host:port of one or more Cassandra nodes.\
          """);

  /** {@code acta.persistence.cassandra.local-datacenter}. */
  public static final Setting<String> LOCAL_DATACENTER =
      Setting.string(
          "local-datacenter",
          "datacenter1",
          """
          The driver talks to nodes of this data center (Cassandra's default is "datacenter1").\
          """);

  /** {@code acta.persistence.cassandra.keyspace}. */
  public static final Setting<String> KEYSPACE =
      Setting.string(
          "keyspace",
          "acta",
          """
          Keyspace of the journal, tag views and metadata.\
          """);

  /** {@code acta.persistence.cassandra.snapshot-keyspace}. */
  public static final Setting<String> SNAPSHOT_KEYSPACE =
      Setting.string(
          "snapshot-keyspace",
          "acta_snapshot",
          """
          Keyspace of the snapshots.\
          """);

  /** {@code acta.persistence.cassandra.replication-strategy}. */
  public static final Setting<String> REPLICATION_STRATEGY =
      Setting.string(
          "replication-strategy",
          "SimpleStrategy",
          """
          Replication of both keyspaces when the schema step creates them. SimpleStrategy with a
          factor is for one data center; use NetworkTopologyStrategy with
          data-center-replication-factors (e.g. ["dc1:3", "dc2:3"]) for production.\
          """);

  /** {@code acta.persistence.cassandra.replication-factor}. */
  public static final Setting<Integer> REPLICATION_FACTOR =
      Setting.integer(
          "replication-factor",
          1,
          """
          With SimpleStrategy: how many copies of each row.\
          """);

  /** {@code acta.persistence.cassandra.data-center-replication-factors}. */
  public static final Setting<List<String>> DATA_CENTER_REPLICATION_FACTORS =
      Setting.stringList(
          "data-center-replication-factors",
          List.of(),
          """
          With NetworkTopologyStrategy: how many copies of each row in each data center, as "dc:factor".\
          """);

  /** {@code acta.persistence.cassandra.create-schema}. */
  public static final Setting<Boolean> CREATE_SCHEMA =
      Setting.bool(
          "create-schema",
          false,
          """
          Create keyspaces and tables at start (IF NOT EXISTS) when they are missing. Meant for dev
          mode and tests; in production run the explicit schema step (CassandraSchema) instead and
          leave this off: the node then checks the schema exists and fails clearly when it does not.\
          """);

  /** {@code acta.persistence.cassandra.connect-timeout}. */
  public static final Setting<Duration> CONNECT_TIMEOUT =
      Setting.duration(
          "connect-timeout",
          Duration.ofSeconds(15),
          """
          How long start-up waits for Cassandra to answer before it fails.\
          """);

  /** {@code acta.persistence.cassandra.request-timeout}. */
  public static final Setting<Duration> REQUEST_TIMEOUT =
      Setting.duration(
          "request-timeout",
          Duration.ofSeconds(10),
          """
          How long the driver waits for any one request before it fails it. Commands fail sooner, by
          their ask timeout; this bounds schema changes and queries on a busy server.\
          """);

  /** {@code acta.persistence.cassandra.max-reconnect-delay}. */
  public static final Setting<Duration> MAX_RECONNECT_DELAY =
      Setting.duration(
          "max-reconnect-delay",
          Duration.ofSeconds(3),
          """
          Longest wait between reconnection attempts after Cassandra was lost: how soon commands
          succeed again once it is back.\
          """);

  /** {@code acta.persistence.cassandra.max-requests-per-connection}. */
  public static final Setting<Integer> MAX_REQUESTS_PER_CONNECTION =
      Setting.integer(
          "max-requests-per-connection",
          8192,
          """
          Requests the driver's connection to a Cassandra node carries at once (the protocol allows
          32,768). A request beyond fails at once ("No connection was available"), and an entity
          whose journal write fails so restarts without answering: under a burst of writes (events,
          their tag rows and progress, snapshots, view rows) the driver's own default, 1,024, was
          not enough. One connection per node, as the driver recommends, with room for bursts.\
          """);

  /** {@code acta.persistence.cassandra.circuit-breaker.max-failures}. */
  public static final Setting<Integer> CIRCUIT_BREAKER_MAX_FAILURES =
      Setting.integer(
          "circuit-breaker.max-failures",
          10,
          """
          How many store failures in a row open the breaker.\
          """);

  /** {@code acta.persistence.cassandra.circuit-breaker.call-timeout}. */
  public static final Setting<Duration> CIRCUIT_BREAKER_CALL_TIMEOUT =
      Setting.duration(
          "circuit-breaker.call-timeout",
          Duration.ofSeconds(10),
          """
          A store call that takes longer than this counts as a failure.\
          """);

  /** {@code acta.persistence.cassandra.circuit-breaker.reset-timeout}. */
  public static final Setting<Duration> CIRCUIT_BREAKER_RESET_TIMEOUT =
      Setting.duration(
          "circuit-breaker.reset-timeout",
          Duration.ofSeconds(3),
          """
          How long the breaker stays open before one call tries again.\
          """);

  /** {@code acta.persistence.cassandra.first-time-bucket}. */
  public static final Setting<String> FIRST_TIME_BUCKET =
      Setting.string(
          "first-time-bucket",
          "20261101T00:00",
          """
          Events-by-tag are stored in time buckets from this moment on: events written before it are
          not found by projections. Never move it later once events exist.\
          """);

  /** {@code acta.persistence.cassandra.events-by-tag.eventual-consistency-delay}. */
  public static final Setting<Duration> EVENTUAL_CONSISTENCY_DELAY =
      Setting.duration(
          "events-by-tag.eventual-consistency-delay",
          Duration.ofMillis(100),
          """
          Projections read an event no sooner than this after it was written. Writes of one slice from
          several nodes do not arrive in time order; reading sooner risks meeting a later event before
          an earlier one, which the query then goes back to find (later for that event; see max-delay).
          pekko-persistence-cassandra's own default is 5s: safest, and views 5s behind.\
          """);

  /** {@code acta.persistence.cassandra.events-by-tag.refresh-interval}. */
  public static final Setting<Duration> REFRESH_INTERVAL =
      Setting.duration(
          "events-by-tag.refresh-interval",
          Duration.ofSeconds(1),
          """
          How often a projection looks for new events when nobody told it of any.\
          """);

  /** {@code acta.persistence.cassandra.events-by-tag.pubsub-notification}. */
  public static final Setting<Duration> PUBSUB_NOTIFICATION =
      Setting.durationOrOff(
          "events-by-tag.pubsub-notification",
          Duration.ofMillis(50),
          """
          Tell the projections on every node at once that a slice has new events (Pekko distributed
          pub-sub), at most once per this interval per slice, instead of waiting for the next look.
          "off" leaves only refresh-interval.\
          """);

  /** {@code acta.persistence.cassandra.events-by-tag.max-delay}. */
  public static final Setting<Duration> MAX_DELAY =
      Setting.duration(
          "events-by-tag.max-delay",
          Duration.ofSeconds(5),
          """
          The longest an event may trail behind the others: how far the time its writer's clock gave
          it may lie before the moment its write can be read, that is the clock difference between
          any two writing nodes plus the slowest write. Every back-track-interval, projections look
          back this far plus the interval for events written late (the interval too, because an event
          that becomes readable just after one look is met by the next), and a (re)started projection
          resumes this far (plus eventual-consistency-delay) before its stored offset, so no such
          event is missed. Events that trail by more are found only by the long back-track (see
          long-back-track-period) and can be missed by a projection that restarts before it. Larger
          costs a wider re-read per back-track and more redelivered (and recognized) events per
          restart. Must not be shorter than eventual-consistency-delay.\
          """);

  /** {@code acta.persistence.cassandra.events-by-tag.back-track-interval}. */
  public static final Setting<Duration> BACK_TRACK_INTERVAL =
      Setting.duration(
          "events-by-tag.back-track-interval",
          Duration.ofSeconds(2),
          """
          How often a projection looks back max-delay plus this interval for events written late:
          the longest such an event waits, beyond its own delay, before it reaches the views. Each
          look re-reads the slice's events of that window, so a look every second re-reads six times
          what the slice writes (with max-delay 5s), every two seconds three and a half times.
          Pushed events (acta.projections.push-events) reach the views without waiting for it.\
          """);

  /** {@code acta.persistence.cassandra.events-by-tag.long-back-track-interval}. */
  public static final Setting<Duration> LONG_BACK_TRACK_INTERVAL =
      Setting.durationOrOff(
          "events-by-tag.long-back-track-interval",
          Duration.ofMinutes(2),
          """
          How often a projection looks back long-back-track-period for events that trailed by more
          than max-delay: tag writes a crash cut short, repaired when their entity recovers, or a
          write held up beyond max-delay. "off": never (such events then reach the views only when
          their entity writes again, which reveals the gap). Must be longer than back-track-interval.\
          """);

  /** {@code acta.persistence.cassandra.events-by-tag.long-back-track-period}. */
  public static final Setting<Duration> LONG_BACK_TRACK_PERIOD =
      Setting.duration(
          "events-by-tag.long-back-track-period",
          Duration.ofMinutes(10),
          """
          How far back before its offset the long back-track looks: an event written up to this
          late is found by a running projection within long-back-track-interval. Each look re-reads
          the slice's events of this window, so the read costs this ÷ long-back-track-interval times
          what the slice writes (5 with the defaults). pekko-persistence-cassandra's own default
          reaches back to the start of the previous time bucket (with Day buckets up to two days of
          events, re-read every 2 minutes by every projection), which does not scale with the
          journal. With bucket-size "Minute" it is cut to under 108s (pekko forgets an entity it has
          not seen for two buckets). One no longer than max-delay plus back-track-interval is not run:
          the back-track covers that window already.\
          """);

  /** {@code acta.persistence.cassandra.events-by-tag.recovery-checkpoint-interval}. */
  public static final Setting<Duration> RECOVERY_CHECKPOINT_INTERVAL =
      Setting.duration(
          "events-by-tag.recovery-checkpoint-interval",
          Duration.ofSeconds(5),
          """
          How often the journal records, for each entity that wrote events, how far its tag writes are
          done (pekko-persistence-cassandra's tag_scanning). A recovering entity re-reads its events from
          that point up to its snapshot, to repair tag writes a crash may have cut short: an entity that
          recovers long after its last writes starts at its snapshot, one that recovers right after them (a
          failover, a rebalance) re-reads up to twice this long of its events. Shorter costs one small
          write per writing entity per interval (pekko's own default is 30s).\
          """);

  /** {@code acta.persistence.cassandra.bucket-size}. */
  public static final Setting<String> BUCKET_SIZE =
      Setting.string(
          "bucket-size",
          "Day",
          """
          Bucket size of events-by-tag: "Day", "Hour" or "Minute". Larger buckets mean fewer empty
          buckets to scan when a projection starts from the beginning; smaller ones, smaller partitions.\
          """);

  /** {@code acta.persistence.cassandra.username}. */
  public static final Setting<String> USERNAME =
      Setting.string(
          "username",
          "",
          """
          The role the node logs in as (Cassandra's PasswordAuthenticator); empty: no login. Set the
          password from the environment, e.g. password = ${?CASSANDRA_PASSWORD}.\
          """);

  /** {@code acta.persistence.cassandra.password}. */
  public static final Setting<String> PASSWORD =
      Setting.string(
          "password",
          "",
          """
          The role's password; never logged.\
          """);

  /** {@code acta.persistence.cassandra.tls.enabled}. */
  public static final Setting<Boolean> TLS =
      Setting.bool(
          "tls.enabled",
          false,
          """
          On: the driver talks to Cassandra over TLS (Cassandra's client_encryption_options), checking
          the server's certificate against the truststore and its host name.\
          """);

  /** {@code acta.persistence.cassandra.tls.truststore}. */
  public static final Setting<String> TLS_TRUSTSTORE =
      Setting.string(
          "tls.truststore",
          "",
          """
          A PKCS#12 or JKS file with the CA certificate(s) the servers' certificates come from; empty:
          the JDK's trusted CAs.\
          """);

  /** {@code acta.persistence.cassandra.tls.truststore-password}. */
  public static final Setting<String> TLS_TRUSTSTORE_PASSWORD =
      Setting.string(
          "tls.truststore-password",
          "",
          """
          The truststore's password.\
          """);

  /** {@code acta.persistence.cassandra.tls.keystore}. */
  public static final Setting<String> TLS_KEYSTORE =
      Setting.string(
          "tls.keystore",
          "",
          """
          A PKCS#12 or JKS file with the node's own certificate and key, for servers that require
          client certificates (require_client_auth); empty: none.\
          """);

  /** {@code acta.persistence.cassandra.tls.keystore-password}. */
  public static final Setting<String> TLS_KEYSTORE_PASSWORD =
      Setting.string(
          "tls.keystore-password",
          "",
          """
          The keystore's password.\
          """);

  /** {@code acta.persistence.cassandra.tls.hostname-validation}. */
  public static final Setting<Boolean> TLS_HOSTNAME_VALIDATION =
      Setting.bool(
          "tls.hostname-validation",
          true,
          """
          Whether a server's certificate must name the host the driver connected to.\
          """);

  /** Every setting of the Cassandra store. */
  public static final SettingsTable TABLE =
      SettingsTable.of(
          "acta.persistence.cassandra",
          EMBEDDED,
          CONTACT_POINTS,
          LOCAL_DATACENTER,
          KEYSPACE,
          SNAPSHOT_KEYSPACE,
          REPLICATION_STRATEGY,
          REPLICATION_FACTOR,
          DATA_CENTER_REPLICATION_FACTORS,
          CREATE_SCHEMA,
          CONNECT_TIMEOUT,
          REQUEST_TIMEOUT,
          MAX_RECONNECT_DELAY,
          MAX_REQUESTS_PER_CONNECTION,
          CIRCUIT_BREAKER_MAX_FAILURES,
          CIRCUIT_BREAKER_CALL_TIMEOUT,
          CIRCUIT_BREAKER_RESET_TIMEOUT,
          FIRST_TIME_BUCKET,
          EVENTUAL_CONSISTENCY_DELAY,
          REFRESH_INTERVAL,
          PUBSUB_NOTIFICATION,
          MAX_DELAY,
          BACK_TRACK_INTERVAL,
          LONG_BACK_TRACK_INTERVAL,
          LONG_BACK_TRACK_PERIOD,
          RECOVERY_CHECKPOINT_INTERVAL,
          BUCKET_SIZE,
          USERNAME,
          PASSWORD,
          TLS,
          TLS_TRUSTSTORE,
          TLS_TRUSTSTORE_PASSWORD,
          TLS_KEYSTORE,
          TLS_KEYSTORE_PASSWORD,
          TLS_HOSTNAME_VALIDATION);
}
