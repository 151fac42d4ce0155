package io.acta.runtime;

/**
 * Something that runs with a node: started once the node is up, closed before it stops. Projections
 * and the HTTP server plug into a node this way:
 *
 * <pre>{@code
 * ActaNode.builder("ledger").entity(Account.TYPE).with(Projections.of(LedgerViews.BALANCES)).start();
 * }</pre>
 */
public interface NodeExtension extends AutoCloseable {

  /** Starts with the running node; a failure here fails the node's start. */
  void start(ActaNode node);

  /**
   * Stops taking work from outside, before the node leaves the cluster (entities are still
   * reachable meanwhile): an HTTP server unbinds and finishes the requests in flight. Called in the
   * reverse order of starting, however the node stops: {@link ActaNode#close()}, SIGTERM, or being
   * downed.
   */
  default void stopServing() {}

  /**
   * Releases what the extension holds, once the node has left the cluster and handed its shards and
   * projections off. Called in the reverse order of starting.
   */
  @Override
  default void close() {}
}
