package io.acta.tests.cluster;

import io.acta.examples.ledger.cluster.LocalNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Clients starting transfers over HTTP as a careful service would: each transfer has an id and an
 * idempotency key of its own, and an attempt that fails (connection refused or reset, 5xx, a
 * timeout) is sent again to another node with the same key until it is acknowledged or {@link
 * #GIVE_UP} passes. Random accounts, random small amounts; some transfers go to an account that
 * refuses deposits, so that they are refunded.
 */
final class TransferLoad implements AutoCloseable {
  static final Duration GIVE_UP = Duration.ofSeconds(60);
  private static final Duration BACKOFF = Duration.ofMillis(200);

  /** A transfer the load asked for. */
  record Started(String id, String from, String to, long amount) {}

  private final LedgerHttp http;
  private final Rotation rotation;
  private final List<String> accounts;
  private final String refusing;
  private final List<Thread> clients = new ArrayList<>();
  private volatile boolean running = true;

  final AtomicLong sent = new AtomicLong();
  final AtomicLong retried = new AtomicLong();
  final AtomicLong givenUp = new AtomicLong();

  /** Acknowledged transfers, by id. */
  final Map<String, Started> acknowledged = new ConcurrentHashMap<>();

  /** Answers that were client errors (never expected). */
  final Queue<String> clientErrors = new ConcurrentLinkedQueue<>();

  /**
   * {@code clientCount} clients, each starting at most one transfer every {@code pace}, between two
   * of {@code accounts} and one in ten to {@code refusing}.
   */
  TransferLoad(
      LedgerHttp http,
      Rotation rotation,
      List<String> accounts,
      String refusing,
      int clientCount,
      Duration pace) {
    this.http = http;
    this.rotation = rotation;
    this.accounts = accounts;
    this.refusing = refusing;
    for (int c = 0; c < clientCount; c++) {
      int client = c;
      clients.add(Thread.ofVirtual().name("transfer-client-" + c).start(() -> run(client, pace)));
    }
  }

  private void run(int client, Duration pace) {
    Random random = new Random(client);
    long next = System.nanoTime();
    for (long n = 0; running; n++) {
      LockSupport.parkNanos(next - System.nanoTime());
      next = Math.max(next + pace.toNanos(), System.nanoTime());
      String from = accounts.get(random.nextInt(accounts.size()));
      String to = accounts.get(random.nextInt(accounts.size()));
      while (to.equals(from)) to = accounts.get(random.nextInt(accounts.size()));
      if (random.nextInt(10) == 0) to = refusing;
      start(new Started("t-" + client + "-" + n, from, to, 1 + random.nextInt(500)));
    }
  }

  /** Starts {@code transfer}, retrying with its key; whether it was acknowledged. */
  boolean start(Started transfer) {
    sent.incrementAndGet();
    String body =
        "{\"from\":\""
            + transfer.from()
            + "\",\"to\":\""
            + transfer.to()
            + "\",\"amount\":{\"minorUnits\":"
            + transfer.amount()
            + ",\"currency\":\"EUR\"}}";
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    LocalNode last = null;
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      if (attempt > 0) retried.incrementAndGet();
      LocalNode node = rotation.pick(last);
      last = node;
      rotation.started(node);
      try {
        var answer =
            http.post(node, "/api/transfer/" + transfer.id() + "/start", body, transfer.id());
        if (answer.ok()) {
          acknowledged.put(transfer.id(), transfer);
          return true;
        }
        if (answer.status() != 503 && answer.status() < 500) {
          clientErrors.add(transfer.id() + ": " + answer.status() + " " + answer.body());
          return false;
        }
      } catch (IOException e) {
        // the node is down or went down: another one gets the retry
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } finally {
        rotation.finished(node);
      }
      LockSupport.parkNanos(BACKOFF.toNanos());
    }
    givenUp.incrementAndGet();
    return false;
  }

  /** Waits until {@code more} transfers beyond those acknowledged now are acknowledged. */
  void awaitMoreAcknowledged(int more, Duration timeout) {
    long target = acknowledged.size() + more;
    ClusterChecks.awaitTrue(
        target + " transfers acknowledged", timeout, () -> acknowledged.size() >= target);
  }

  /** Stops starting transfers; each client finishes the one it is on (with its retries). */
  @Override
  public void close() {
    running = false;
    for (Thread t : clients) {
      try {
        t.join(GIVE_UP.plusSeconds(15).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
