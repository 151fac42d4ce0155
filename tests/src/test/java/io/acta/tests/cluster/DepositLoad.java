package io.acta.tests.cluster;

import io.acta.examples.ledger.cluster.LocalNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Clients depositing 1 EUR at a time over HTTP, as a well-behaved service would: every deposit has
 * an idempotency key of its own, and an attempt that fails (connection refused or reset, 503,
 * timeout) is retried on another node with the same key until it is acknowledged or {@link
 * #GIVE_UP} passes. Retries are therefore safe: a deposit whose first attempt did land is not
 * applied twice. Counts what a test asserts on: sent, acknowledged (per account), given up, and
 * every failed attempt.
 */
final class DepositLoad implements AutoCloseable {
  static final Duration GIVE_UP = Duration.ofSeconds(60);
  private static final Duration BACKOFF = Duration.ofMillis(200);

  /** An attempt that did not get a 200, when and where. */
  record FailedAttempt(long atNanos, int node, String reason) {}

  private final LedgerHttp http;
  private final Rotation rotation;
  private final List<String> accounts;
  private final List<Thread> clients = new ArrayList<>();
  private volatile boolean running = true;
  private volatile Recovery recovery;
  private final boolean distinctAmounts;

  final AtomicLong sent = new AtomicLong();
  final AtomicLong acknowledged = new AtomicLong();
  final AtomicLong givenUp = new AtomicLong();
  final Map<String, AtomicLong> acknowledgedByAccount = new ConcurrentHashMap<>();

  /** The amounts (in cents) of each account's acknowledged deposits, one entry per deposit. */
  final Map<String, Queue<Long>> acknowledgedAmounts = new ConcurrentHashMap<>();

  final Queue<FailedAttempt> failedAttempts = new ConcurrentLinkedQueue<>();

  /**
   * {@code clientCount} clients, each sending at most one deposit every {@code pace} (a client
   * whose deposit takes longer sends the next one at once): a steady load that leaves the machine
   * headroom, so that what the test sees is the cluster's behaviour and not a starved CPU's.
   */
  DepositLoad(
      LedgerHttp http, Rotation rotation, List<String> accounts, int clientCount, Duration pace) {
    this(http, rotation, accounts, clientCount, pace, false);
  }

  /**
   * As above; with {@code distinctAmounts} the deposit of round {@code r} is {@code r + 1} cents
   * instead of 1, so that the journal shows which deposits it holds, not just how many.
   */
  DepositLoad(
      LedgerHttp http,
      Rotation rotation,
      List<String> accounts,
      int clientCount,
      Duration pace,
      boolean distinctAmounts) {
    this.distinctAmounts = distinctAmounts;
    this.http = http;
    this.rotation = rotation;
    this.accounts = accounts;
    accounts.forEach(a -> acknowledgedByAccount.put(a, new AtomicLong()));
    accounts.forEach(a -> acknowledgedAmounts.put(a, new ConcurrentLinkedQueue<>()));
    for (int c = 0; c < clientCount; c++) {
      int client = c;
      clients.add(
          Thread.ofVirtual()
              .name("deposit-client-" + c)
              .start(() -> run(client, clientCount, pace)));
    }
  }

  /** Client {@code c} cycles over accounts c, c+n, c+2n, ...: no two clients share an account. */
  private void run(int client, int clientCount, Duration pace) {
    List<String> mine = new ArrayList<>();
    for (int i = client; i < accounts.size(); i += clientCount) mine.add(accounts.get(i));
    long next = System.nanoTime();
    for (long round = 0; running; round++) {
      for (String account : mine) {
        if (!running) return;
        LockSupport.parkNanos(next - System.nanoTime()); // pacing: returns at once when behind
        next = Math.max(next + pace.toNanos(), System.nanoTime());
        deposit(account, account + "-" + round, distinctAmounts ? round + 1 : 1);
      }
    }
  }

  private void deposit(String account, String key, long amount) {
    sent.incrementAndGet();
    long started = System.nanoTime();
    long deadline = started + GIVE_UP.toNanos();
    LocalNode last = null;
    while (System.nanoTime() < deadline) {
      LocalNode node = rotation.pick(last);
      last = node;
      rotation.started(node);
      try {
        var answer =
            http.command(
                node,
                account,
                "deposit",
                "{\"amount\":{\"minorUnits\":" + amount + ",\"currency\":\"EUR\"}}",
                key);
        if (answer.ok()) {
          acknowledged.incrementAndGet();
          acknowledgedByAccount.get(account).incrementAndGet();
          acknowledgedAmounts.get(account).add(amount);
          Recovery r = recovery;
          if (r != null) r.acknowledged(account, started);
          return;
        }
        failedAttempts.add(
            new FailedAttempt(
                System.nanoTime(), node.index(), answer.status() + " " + answer.body()));
        if (answer.status() != 503 && answer.status() < 500)
          break; // a client error: retrying cannot help
      } catch (IOException e) {
        failedAttempts.add(new FailedAttempt(System.nanoTime(), node.index(), e.toString()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        rotation.finished(node);
      }
      LockSupport.parkNanos(BACKOFF.toNanos()); // back off before the retry, as a client should
    }
    givenUp.incrementAndGet();
  }

  /** From now on, notes when each account first acknowledges a deposit sent after this moment. */
  Recovery watchRecovery() {
    Recovery r = new Recovery(System.nanoTime(), accounts.size());
    recovery = r;
    return r;
  }

  /** Failed attempts between two {@link System#nanoTime()} readings. */
  List<FailedAttempt> failedBetween(long from, long to) {
    return failedAttempts.stream().filter(f -> f.atNanos() >= from && f.atNanos() <= to).toList();
  }

  /** Waits until {@code more} deposits beyond those acknowledged now are acknowledged. */
  void awaitMoreAcknowledged(long more, Duration timeout) {
    long target = acknowledged.get() + more;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acknowledged.get() < target) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "only "
                + acknowledged.get()
                + " of "
                + target
                + " deposits acknowledged within "
                + timeout);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  /** Stops sending; each client finishes the deposit it is on (with its retries). */
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

  /**
   * When every account answered again after a fault: the first acknowledgement of a deposit sent
   * after it.
   */
  static final class Recovery {
    private final long since;
    private final int accounts;
    private final Map<String, Long> firstAcknowledged = new ConcurrentHashMap<>();

    Recovery(long since, int accounts) {
      this.since = since;
      this.accounts = accounts;
    }

    void acknowledged(String account, long sentAt) {
      if (sentAt >= since) firstAcknowledged.putIfAbsent(account, System.nanoTime());
    }

    /**
     * Waits until every account has answered; returns how long after the fault the last one did.
     */
    Duration await(Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (firstAcknowledged.size() < accounts) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "only "
                  + firstAcknowledged.size()
                  + " of "
                  + accounts
                  + " accounts answered within "
                  + timeout);
        }
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
      return Duration.ofNanos(
          firstAcknowledged.values().stream().mapToLong(t -> t - since).max().orElse(0));
    }
  }
}
