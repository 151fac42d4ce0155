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

  /** Stops; called before the node leaves the cluster, in the reverse order of starting. */
  @Override
  default void close() {}
}
