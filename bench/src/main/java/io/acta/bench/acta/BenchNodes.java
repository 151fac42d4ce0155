package io.acta.bench.acta;

import io.acta.api.entity.EntityType;
import io.acta.examples.ledger.Account;
import io.acta.runtime.ActaNode;
import io.acta.runtime.NodeExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Starts the Acta nodes of the bench: one-node clusters with the ledger's {@link Account} type, on
 * the in-memory store or on Cassandra. Each node can also host the raw Pekko reference (see {@code
 * io.acta.bench.raw}), whose messages are bound here to Pekko's Jackson serializer, as a
 * hand-written Pekko application would bind them.
 */
public final class BenchNodes {
  /** The settings every bench node shares. */
  public static final String COMMON =
      """
      pekko.loglevel = WARNING
      pekko.actor.serialization-bindings { "io.acta.bench.raw.RawJson" = jackson-json }
      acta.node.startup-timeout = 60s
      """;

  private BenchNodes() {}

  /**
   * A node on the in-memory store {@code storeId}; {@code hocon} wins over the bench's defaults.
   */
  public static ActaNode inMemory(String storeId, String hocon) {
    return ActaNode.builder("bench")
        .entity(Account.TYPE)
        .store("in-memory")
        .config(COMMON)
        .config("acta.persistence.in-memory.store-id = \"" + storeId + "\"")
        .config(hocon)
        .start();
  }

  /**
   * A node on the Cassandra server at {@code contactPoint}, creating the schema when missing,
   * running {@code extensions} (views, HTTP) if any.
   */
  public static ActaNode cassandra(
      InetSocketAddress contactPoint,
      String localDatacenter,
      String hocon,
      NodeExtension... extensions) {
    return cassandra(contactPoint, localDatacenter, hocon, List.of(), null, extensions);
  }

  /**
   * As {@link #cassandra(InetSocketAddress, String, String, NodeExtension...)}, with {@code
   * moreTypes} registered beside {@link Account#TYPE} (e.g. the ledger's transfer process) and the
   * node's metrics published to {@code meters} when not null.
   */
  public static ActaNode cassandra(
      InetSocketAddress contactPoint,
      String localDatacenter,
      String hocon,
      List<EntityType<?, ?, ?>> moreTypes,
      MeterRegistry meters,
      NodeExtension... extensions) {
    ActaNode.Builder builder = ActaNode.builder("bench").entity(Account.TYPE);
    moreTypes.forEach(builder::entity);
    if (meters != null) builder.meterRegistry(meters);
    for (NodeExtension e : extensions) builder.with(e);
    return builder
        .store("cassandra")
        .config(COMMON)
        .config(
            "acta.persistence.cassandra { contact-points = [\""
                + contactPoint.getHostString()
                + ":"
                + contactPoint.getPort()
                + "\"], local-datacenter = \""
                + localDatacenter
                + "\", create-schema = on }")
        .config(hocon)
        .start();
  }
}
