package io.acta.tests.cluster;

import io.acta.examples.ledger.cluster.LocalNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What a load balancer in front of the cluster does: spreads requests over the nodes in rotation,
 * and takes a node out before it is stopped (as Kubernetes does with a terminating pod), waiting
 * until the requests it already sent there are answered.
 */
final class Rotation {
  private final List<LocalNode> nodes = new CopyOnWriteArrayList<>();
  private final Map<Integer, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();
  private volatile LocalNode first;

  /**
   * A client that always tries {@code node} first, and the nodes in rotation only when that fails:
   * one with a pinned connection, or behind a load balancer with sticky sessions.
   */
  static Rotation firstTo(LocalNode node) {
    Rotation r = new Rotation();
    r.first = node;
    return r;
  }

  void add(LocalNode node) {
    nodes.add(node);
  }

  void remove(LocalNode node) {
    nodes.removeIf(n -> n.index() == node.index());
  }

  /**
   * The next node in rotation; never the one a failed attempt just went to, when another is there.
   */
  LocalNode pick(LocalNode avoid) {
    if (avoid == null && first != null) return first;
    List<LocalNode> now = List.copyOf(nodes);
    if (now.isEmpty()) throw new IllegalStateException("no node in rotation");
    LocalNode n = now.get((int) Math.floorMod(next.getAndIncrement(), (long) now.size()));
    if (avoid != null && n.index() == avoid.index() && now.size() > 1)
      n = now.get((now.indexOf(n) + 1) % now.size());
    return n;
  }

  void started(LocalNode node) {
    inFlight.computeIfAbsent(node.index(), i -> new AtomicInteger()).incrementAndGet();
  }

  void finished(LocalNode node) {
    inFlight.get(node.index()).decrementAndGet();
  }

  /** Waits until no request sent to {@code node} is still unanswered. */
  void awaitDrained(LocalNode node, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    AtomicInteger count = inFlight.computeIfAbsent(node.index(), i -> new AtomicInteger());
    while (count.get() > 0) {
      if (System.nanoTime() > deadline)
        throw new IllegalStateException(
            count.get()
                + " requests to node "
                + node.index()
                + " still unanswered after "
                + timeout);
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
