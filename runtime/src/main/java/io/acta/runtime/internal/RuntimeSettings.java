package io.acta.runtime.internal;

import io.acta.config.Constraint;
import io.acta.config.Setting;
import io.acta.config.SettingsTable;
import java.time.Duration;
import java.util.List;

/**
 * The declarations of the runtime's {@code acta.node} and {@code acta.projections} settings, which
 * a unit test compares with this module's {@code reference.conf} so the two cannot drift apart. The
 * code that uses these settings still reads them from the node's configuration by path.
 */
public final class RuntimeSettings {
  private RuntimeSettings() {}

  /** {@code acta.node.hostname}. */
  public static final Setting<String> HOSTNAME =
      Setting.string(
          "hostname",
          "127.0.0.1",
          """
          The address other nodes reach this one at.\
          """);

  /** {@code acta.node.port}. */
  public static final Setting<Integer> PORT =
      Setting.integer(
              "port",
              0,
              """
              The cluster (Artery) port; 0 picks a free one, which suits a single node.\
              """)
          .requiring(Constraint.port());

  /** {@code acta.node.roles}. */
  public static final Setting<List<String>> ROLES =
      Setting.stringList(
          "roles",
          List.of("entities", "projections", "http"),
          """
          What this node runs, as Pekko cluster roles. Any subset of
          entities     hosts entity shards (nodes without it still reach every entity, through sharding)
          projections  runs view and handler projections (views stay readable from every node)
          http         serves HttpApi's endpoints (a node without it serves only health checks)
          Every node of one cluster needs the same entity types, views and handlers registered in code.\
          """);

  /** {@code acta.node.join}. */
  public static final Setting<String> JOIN =
      Setting.string(
          "join",
          "seed-nodes",
          """
          How the node finds its cluster:
          seed-nodes  join the addresses in seed-nodes (local runs, fixed hosts)
          bootstrap   Pekko Management Cluster Bootstrap: discover the other nodes (Kubernetes API, DNS,
          ...) as set under acta.node.bootstrap, then form or join the cluster\
          """);

  /** {@code acta.node.seed-nodes}. */
  public static final Setting<List<String>> SEED_NODES =
      Setting.stringList(
          "seed-nodes",
          List.of(),
          """
          With join = seed-nodes: addresses of seed nodes, e.g. ["pekko://ledger@10.0.0.1:25520"]. The
          first one forms the cluster when it cannot reach any other; list the same seeds on every node.
          Empty: the node forms a one-node cluster by joining itself.\
          """);

  /** {@code acta.node.bootstrap.discovery-method}. */
  public static final Setting<String> BOOTSTRAP_DISCOVERY_METHOD =
      Setting.string(
          "bootstrap.discovery-method",
          "kubernetes-api",
          """
          The discovery method that lists the nodes of the service: "kubernetes-api" (add the
          org.apache.pekko:pekko-discovery-kubernetes-api dependency; pods found by label selector
          pekko.discovery.kubernetes-api.pod-label-selector), "pekko-dns" (SRV or A records of
          service-name), or "config" (pekko.discovery.config.services, for tests).\
          """);

  /** {@code acta.node.bootstrap.service-name}. */
  public static final Setting<String> BOOTSTRAP_SERVICE_NAME =
      Setting.string(
          "bootstrap.service-name",
          "",
          """
          The name discovery looks up; empty means the node's name (ActaNode.builder(name)).\
          """);

  /** {@code acta.node.bootstrap.required-contact-points}. */
  public static final Setting<Integer> BOOTSTRAP_REQUIRED_CONTACT_POINTS =
      Setting.integer(
          "bootstrap.required-contact-points",
          2,
          """
          How many nodes discovery must see before a new cluster is formed. Set it to the deployment's
          replica count (or its majority) so that a partial start never forms two clusters.\
          """);

  /** {@code acta.node.split-brain-resolver.strategy}. */
  public static final Setting<String> SBR_STRATEGY =
      Setting.string(
          "split-brain-resolver.strategy",
          "keep-majority",
          """
          keep-majority (default): the side with more than half the nodes stays, the other downs itself;
          on an even split the side with the lowest address stays. Good for a fixed-size cluster of 3+.
          Others: static-quorum, keep-oldest, down-all, lease-majority (see Pekko's documentation).\
          """);

  /** {@code acta.node.split-brain-resolver.stable-after}. */
  public static final Setting<Duration> SBR_STABLE_AFTER =
      Setting.duration(
          "split-brain-resolver.stable-after",
          Duration.ofSeconds(20),
          """
          How long membership must be stable (no unreachability changes) before the resolver acts. The
          time an unreachable node's entities stay unavailable is about this plus failure detection
          (a few seconds). Shorter recovers faster but risks acting on a passing hiccup, such as a GC pause.\
          """);

  /** {@code acta.node.pause-fence}. */
  public static final Setting<Duration> PAUSE_FENCE =
      Setting.durationOrOff(
              "pause-fence",
              Duration.ofSeconds(10),
              """
              A node whose process was paused for longer than this (stopped, frozen, a long GC, a starved
              CPU) may have been downed and replaced meanwhile, so it then writes nothing more: commands fail
              at once (EntityUnavailableException, 503 over HTTP), store requests are refused, and the node
              shuts down for its supervisor to start a fresh one. Must be shorter than
              split-brain-resolver.stable-after (no node is replaced before it has been unreachable that long)
              and longer than any pause the node lives through normally; pauses over half of it are logged.
              "off" disables it, and with it the guarantee that a node resumed after a long pause writes
              no event under a sequence number that the node which took its entities over has used.\
              """)
          .requiring(
              new Constraint<>(
                  "\"off\" or at least 1s",
                  d -> d.isZero() || d.compareTo(Duration.ofSeconds(1)) >= 0));

  /** {@code acta.node.startup-timeout}. */
  public static final Setting<Duration> STARTUP_TIMEOUT =
      Setting.duration(
          "startup-timeout",
          Duration.ofSeconds(30),
          """
          How long start() waits for this node to become an Up member of the cluster.\
          """);

  /** {@code acta.node.max-entity-id-length}. */
  public static final Setting<Integer> MAX_ENTITY_ID_LENGTH =
      Setting.integer(
          "max-entity-id-length",
          200,
          """
          Entity ids are part of persistence ids and URLs: longer ids are refused at once.\
          """);

  /** {@code acta.node.tls.enabled}. */
  public static final Setting<Boolean> TLS =
      Setting.bool(
          "tls.enabled",
          false,
          """
          On: the cluster's own traffic (Pekko Artery) runs over mutual TLS 1.3. Each node presents
          its certificate and takes only peers whose certificates the cluster's CA signed and which
          share a subject name (CN or DNS name) with its own, so a host with a certificate from
          another CA can neither join nor send a message. Off: plain TCP, for a trusted network only.\
          """);

  /** {@code acta.node.tls.certificate}. */
  public static final Setting<String> TLS_CERTIFICATE =
      Setting.string(
          "tls.certificate",
          "",
          """
          This node's certificate, a PEM file; all nodes' certificates share a subject name (e.g.
          CN=ledger-cluster).\
          """);

  /** {@code acta.node.tls.private-key}. */
  public static final Setting<String> TLS_PRIVATE_KEY =
      Setting.string(
          "tls.private-key",
          "",
          """
          The certificate's private key, a PEM file holding an RSA key in PKCS#1 ("BEGIN RSA PRIVATE
          KEY"), the form Pekko's remoting reads (openssl pkey -traditional writes it).\
          """);

  /** {@code acta.node.tls.ca-certificate}. */
  public static final Setting<String> TLS_CA_CERTIFICATE =
      Setting.string(
          "tls.ca-certificate",
          "",
          """
          The certificate of the cluster's CA, a PEM file: the only issuer whose nodes are taken.\
          """);

  /** {@code acta.node.tls.reload-interval}. */
  public static final Setting<Duration> TLS_RELOAD_INTERVAL =
      Setting.duration(
              "tls.reload-interval",
              Duration.ofMinutes(5),
              """
              How long the files are kept before they are read again (rotation without a restart):
              shorter than the overlap of an old certificate and its successor.\
              """)
          .requiring(Constraint.positive());

  /** Every setting of the node, under {@code acta.node}. */
  public static final SettingsTable NODE =
      SettingsTable.of(
          "acta.node",
          HOSTNAME,
          PORT,
          ROLES,
          JOIN,
          SEED_NODES,
          BOOTSTRAP_DISCOVERY_METHOD,
          BOOTSTRAP_SERVICE_NAME,
          BOOTSTRAP_REQUIRED_CONTACT_POINTS,
          SBR_STRATEGY,
          SBR_STABLE_AFTER,
          PAUSE_FENCE,
          STARTUP_TIMEOUT,
          MAX_ENTITY_ID_LENGTH,
          TLS,
          TLS_CERTIFICATE,
          TLS_PRIVATE_KEY,
          TLS_CA_CERTIFICATE,
          TLS_RELOAD_INTERVAL);

  /** {@code acta.projections.view-group.max-events}. */
  public static final Setting<Integer> VIEW_GROUP_MAX_EVENTS =
      Setting.integer(
          "view-group.max-events",
          10000,
          """
          The most events in one group. Groups this large form only while a view is behind (a
          catch-up, a rebuild, a burst); the larger they are, the fewer times each row is written.\
          """);

  /** {@code acta.projections.view-group.within}. */
  public static final Setting<Duration> VIEW_GROUP_WITHIN =
      Setting.duration(
          "view-group.within",
          Duration.ofMillis(20),
          """
          The longest a group waits for more events after its first.\
          """);

  /** {@code acta.projections.reaction-group.max-events}. */
  public static final Setting<Integer> REACTION_GROUP_MAX_EVENTS =
      Setting.integer(
          "reaction-group.max-events",
          100,
          """
          The most events in one group.\
          """);

  /** {@code acta.projections.reaction-group.within}. */
  public static final Setting<Duration> REACTION_GROUP_WITHIN =
      Setting.duration(
          "reaction-group.within",
          Duration.ofMillis(20),
          """
          The longest a group waits for more events after its first.\
          """);

  /** {@code acta.projections.feed-group.max-events}. */
  public static final Setting<Integer> FEED_GROUP_MAX_EVENTS =
      Setting.integer(
          "feed-group.max-events",
          1000,
          """
          The most events in one group.\
          """);

  /** {@code acta.projections.feed-group.within}. */
  public static final Setting<Duration> FEED_GROUP_WITHIN =
      Setting.duration(
          "feed-group.within",
          Duration.ofMillis(20),
          """
          The longest a group waits for more events after its first.\
          """);

  /** {@code acta.projections.save-offset-after-events}. */
  public static final Setting<Integer> SAVE_OFFSET_AFTER_EVENTS =
      Setting.integer(
          "save-offset-after-events",
          100,
          """
          Raw handlers: store the offset after this many events or after save-offset-after, whichever
          comes first. Events after the stored offset are delivered again after a restart (at least once).\
          """);

  /** {@code acta.projections.save-offset-after}. */
  public static final Setting<Duration> SAVE_OFFSET_AFTER =
      Setting.duration(
          "save-offset-after",
          Duration.ofMillis(500),
          """
          Raw handlers: store the offset after this long or after save-offset-after-events events,
          whichever comes first.\
          """);

  /** {@code acta.projections.handler-retries}. */
  public static final Setting<Integer> HANDLER_RETRIES =
      Setting.integer(
          "handler-retries",
          3,
          """
          A failing event is retried this many times, handler-retry-delay apart, before the projection
          fails and restarts (with backoff) from its stored offset. It is logged with its persistence id
          and sequence number each time.\
          """);

  /** {@code acta.projections.handler-retry-delay}. */
  public static final Setting<Duration> HANDLER_RETRY_DELAY =
      Setting.duration(
          "handler-retry-delay",
          Duration.ofSeconds(1),
          """
          How long a failing event waits before each of its handler-retries.\
          """);

  /** {@code acta.projections.restart-backoff.min}. */
  public static final Setting<Duration> RESTART_BACKOFF_MIN =
      Setting.duration(
          "restart-backoff.min",
          Duration.ofSeconds(1),
          """
          The delay before the first restart.\
          """);

  /** {@code acta.projections.restart-backoff.max}. */
  public static final Setting<Duration> RESTART_BACKOFF_MAX =
      Setting.duration(
          "restart-backoff.max",
          Duration.ofSeconds(30),
          """
          The longest delay between restarts.\
          """);

  /** {@code acta.projections.version-check-interval}. */
  public static final Setting<Duration> VERSION_CHECK_INTERVAL =
      Setting.duration(
          "version-check-interval",
          Duration.ofSeconds(2),
          """
          How often each slice looks at its view's versions (serving, being rebuilt), starting or
          stopping projections to match: how soon a rebuild starts, and the old version stops after a
          switch-over, on every node.\
          """);

  /** {@code acta.projections.rebuild-progress-interval}. */
  public static final Setting<Duration> REBUILD_PROGRESS_INTERVAL =
      Setting.duration(
          "rebuild-progress-interval",
          Duration.ofSeconds(2),
          """
          How often a rebuild reports its progress and checks whether the new version has caught up.
          Far from the end, progress is estimated from the new version's offsets; from a twentieth of
          the journal's events left, each check counts the backlog in events-by-tag, and one that
          took long is repeated only after ten times its duration or half the expected time left.\
          """);

  /** {@code acta.projections.status-interval}. */
  public static final Setting<Duration> STATUS_INTERVAL =
      Setting.duration(
          "status-interval",
          Duration.ofSeconds(10),
          """
          How often the node measures every projection's lag: what the lag gauges and the readiness
          check show. Per slice it counts the events after the projection's offset in the journal's
          events-by-tag table: a few small queries while caught up, a scan of the backlog while far
          behind (a catch-up, a rebuild).\
          """);

  /** {@code acta.projections.lag-log-interval}. */
  public static final Setting<Duration> LAG_LOG_INTERVAL =
      Setting.duration(
          "lag-log-interval",
          Duration.ofSeconds(30),
          """
          How often, at most, the node logs the projections that are behind (INFO) or stuck on an event
          (WARN). Nothing is logged while all are caught up.\
          """);

  /** {@code acta.projections.updates-resync-interval}. */
  public static final Setting<Duration> UPDATES_RESYNC_INTERVAL =
      Setting.durationOrOff(
          "updates-resync-interval",
          Duration.ofSeconds(60),
          """
          Live updates (ViewQueries.updates, the HTTP updates streams) and read-your-writes are pushed:
          the node that folds a group of events tells every node which rows and which entities' positions it
          wrote, and each node reads a changed row once for all its subscribers to it. Those notices are sent
          at most once (a node that restarts, or a connection that drops, may lose some), so every node also
          looks at each row it has subscribers for (its version, a hundred rows per request) and reads again
          those that changed, when cluster membership or reachability changes, when a rebuilt version starts
          serving, and once every this long (off: never on a timer).\
          """);

  /** {@code acta.projections.rows-in-memory}. */
  public static final Setting<Integer> ROWS_IN_MEMORY =
      Setting.integer(
          "rows-in-memory",
          10_000,
          """
          Each slice's projection of a view with a row per entity (ViewType.rowPerEntity) keeps the rows it
          wrote last in memory: the next event of such an entity is folded and written without a read. At
          most this many rows per slice and view; the least recently written go first.\
          """);

  /** {@code acta.projections.progress-in-memory}. */
  public static final Setting<Integer> PROGRESS_IN_MEMORY =
      Setting.integer(
          "progress-in-memory",
          100_000,
          """
          Each slice's projection of a view or a reaction keeps, per entity, how far it recorded its
          progress: an event delivered again after a restart is passed over without touching rows or
          sending commands, and an event its tag did not deliver is noticed and read from the journal. At
          most this many entities per slice; an entity not held is read once.\
          """);

  /** {@code acta.projections.requests-in-flight}. */
  public static final Setting<Integer> REQUESTS_IN_FLIGHT =
      Setting.integer(
              "requests-in-flight",
              32,
              """
              The most store requests (row reads and writes, progress) one slice's projection of a view or a
              reaction has outstanding at once: a group of thousands of events goes through its rows this many
              at a time. All slices of all views and reactions share the driver's connection to each node
              (acta.persistence.cassandra.max-requests-per-connection), so slices x views x this should stay
              well under that.\
              """)
          .requiring(Constraint.between(1, 1024));

  /** {@code acta.projections.push-events}. */
  public static final Setting<Boolean> PUSH_EVENTS =
      Setting.bool(
          "push-events",
          true,
          """
          Projections of views, reactions and feeds take the events an entity persists straight from it,
          over a cluster pub-sub topic per slice, instead of waiting for events-by-tag to show them (after its
          eventual-consistency delay and its next look): a command's effect reaches its views in milliseconds.
          They still read events-by-tag, which keeps their offsets and brings what a push lost; an event that
          comes both ways is applied once. Off: events-by-tag alone.\
          """);

  /** {@code acta.projections.push-buffer}. */
  public static final Setting<Integer> PUSH_BUFFER =
      Setting.integer(
              "push-buffer",
              10_000,
              """
              How many pushed events a slice's projection holds while it is busy; beyond that the oldest are
              dropped and come by their tag instead, later.\
              """)
          .requiring(Constraint.between(1, 1_000_000));

  /** {@code acta.projections.read-journal-first}. */
  public static final Setting<Boolean> READ_JOURNAL_FIRST =
      Setting.bool(
          "read-journal-first",
          true,
          """
          A view with a row per entity whose slice has no offset yet (the view's first start, a rebuild into
          a new version) reads the slice's entities from the journal one after the other, then events-by-tag
          from the moment it began: its groups of events then hold whole entities and write one row per
          entity, where events-by-tag's time order writes a row for every few events. Needs the journal's
          list of persistence ids (pekko-persistence-cassandra's support-all-persistence-ids, on unless
          turned off). Off: events-by-tag from its start.\
          """);

  /** Every setting of views' and handlers' projections, under {@code acta.projections}. */
  public static final SettingsTable PROJECTIONS =
      SettingsTable.of(
          "acta.projections",
          VIEW_GROUP_MAX_EVENTS,
          VIEW_GROUP_WITHIN,
          REACTION_GROUP_MAX_EVENTS,
          REACTION_GROUP_WITHIN,
          FEED_GROUP_MAX_EVENTS,
          FEED_GROUP_WITHIN,
          SAVE_OFFSET_AFTER_EVENTS,
          SAVE_OFFSET_AFTER,
          HANDLER_RETRIES,
          HANDLER_RETRY_DELAY,
          RESTART_BACKOFF_MIN,
          RESTART_BACKOFF_MAX,
          VERSION_CHECK_INTERVAL,
          REBUILD_PROGRESS_INTERVAL,
          STATUS_INTERVAL,
          LAG_LOG_INTERVAL,
          UPDATES_RESYNC_INTERVAL,
          ROWS_IN_MEMORY,
          PROGRESS_IN_MEMORY,
          REQUESTS_IN_FLIGHT,
          PUSH_EVENTS,
          PUSH_BUFFER,
          READ_JOURNAL_FIRST);
}
