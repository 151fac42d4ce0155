package io.acta.bench.acta;

import io.acta.api.entity.EntityType;
import io.acta.bench.load.Batches;
import io.acta.bench.load.CommandTarget;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.Money;
import io.acta.examples.ledger.TransferCommand;
import io.acta.examples.ledger.TransferCommand.Start;
import io.acta.examples.ledger.TransferEvent;
import io.acta.examples.ledger.TransferState;
import io.acta.examples.ledger.TransferState.Status;
import io.acta.runtime.ActaNode;
import io.acta.runtime.EntityRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The ledger's transfer process on an Acta node: each {@link #send} starts a transfer of one minor
 * unit from account {@code a} to account {@code a + 1} (mod the number of accounts) and completes
 * when the transfer is {@link Status#COMPLETED}, which the runtime reaches on its own after the
 * start's reply: a keyed withdrawal from the source, a keyed deposit to the target, each answer
 * persisted as the process's next event.
 *
 * <p>Completion is found by polling the transfer's state ({@link EntityRef#state()}, answered even
 * while the process waits for an account) 5 ms after the start's reply, then every 5 ms, from one
 * scheduler thread: the measured latency is quantized to about 5 ms, and each poll is one more
 * message to the transfer entity.
 */
public final class TransferTarget implements CommandTarget {
  /** What each account holds before the load: far more than any run withdraws 1 unit at a time. */
  public static final long OPENING_BALANCE = 1_000_000_000_000L;

  /** Between the start's reply and the first poll, and between polls. */
  static final long POLL_MILLIS = 5;

  /** A transfer not final this long after its start fails, so that no client waits for ever. */
  static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final String name;
  private final ActaNode node;
  private final EntityType<TransferCommand<?>, TransferEvent, TransferState> transferType;
  private final String idPrefix;
  private final List<String> accountIds = new ArrayList<>();
  private final LongAdder started = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder polls = new LongAdder();
  private final Histogram startLatency = new ConcurrentHistogram(3);
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-transfer-poller");
            t.setDaemon(true);
            return t;
          });

  /**
   * Transfers of type {@code transferType} (registered on {@code node} beside {@link Account#TYPE})
   * between accounts {@code idPrefix + i}, reported as {@code name}.
   */
  public TransferTarget(
      String name,
      ActaNode node,
      EntityType<TransferCommand<?>, TransferEvent, TransferState> transferType,
      String idPrefix) {
    this.name = name;
    this.node = node;
    this.transferType = transferType;
    this.idPrefix = idPrefix;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void prepare(int count) throws InterruptedException {
    if (count < 2) throw new IllegalArgumentException("transfers need at least 2 accounts");
    List<EntityRef<AccountCommand<?>>> accounts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      accountIds.add(idPrefix + i);
      accounts.add(node.entity(Account.TYPE, idPrefix + i));
    }
    // 64 at a time, as ActaTarget opens its accounts (see there).
    Batches.run(count, 64, i -> accounts.get(i).ask(new Open("owner-" + i, "EUR")));
    Batches.run(
        count, 64, i -> accounts.get(i).ask(new Deposit(Money.of(OPENING_BALANCE, "EUR"), null)));
  }

  @Override
  public CompletionStage<?> send(int account) {
    String from = accountIds.get(account);
    String to = accountIds.get((account + 1) % accountIds.size());
    EntityRef<TransferCommand<?>> transfer =
        node.entity(transferType, UUID.randomUUID().toString());
    CompletableFuture<TransferState> done = new CompletableFuture<>();
    long startedAt = System.nanoTime();
    started.increment();
    transfer
        .ask(new Start(from, to, Money.of(1, "EUR"), UUID.randomUUID().toString()))
        .whenComplete(
            (ok, error) -> {
              if (error != null) {
                fail(done, "start", error);
              } else {
                startLatency.recordValue(System.nanoTime() - startedAt);
                poll(transfer, done, startedAt);
              }
            });
    return done;
  }

  /** Reads the transfer's state in {@link #POLL_MILLIS}, and again until it is final. */
  private void poll(
      EntityRef<TransferCommand<?>> transfer, CompletableFuture<TransferState> done, long started) {
    poller.schedule(
        () -> {
          polls.increment();
          transfer
              .state()
              .whenComplete(
                  (state, error) -> {
                    if (error != null) {
                      fail(done, "state poll", error);
                    } else if (!(state instanceof TransferState s)) {
                      fail(done, "state poll", new IllegalStateException("not a transfer's state"));
                    } else if (s.status() == Status.COMPLETED) {
                      completed.increment();
                      done.complete(s);
                    } else if (s.isFinal()) {
                      fail(
                          done,
                          "transfer ended " + s.status(),
                          new IllegalStateException(String.valueOf(s.reason())));
                    } else if (System.nanoTime() - started > GIVE_UP_NANOS) {
                      fail(
                          done,
                          "given up after 30 s",
                          new IllegalStateException("still " + s.status()));
                    } else {
                      poll(transfer, done, started);
                    }
                  });
        },
        POLL_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  /** Fails {@code done} with {@code error}, counting it under {@code stage} and its cause. */
  private void fail(CompletableFuture<TransferState> done, String stage, Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) cause = cause.getCause();
    // Ids and numbers out, so that failures of one kind count together.
    String message =
        String.valueOf(cause.getMessage())
            .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
            .replaceAll("[0-9]+", "N");
    if (message.length() > 100) message = message.substring(0, 100) + "...";
    String kind = stage + ": " + cause.getClass().getSimpleName() + " (" + message + ")";
    failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
    done.completeExceptionally(error);
  }

  /** Transfers started so far, warm-ups included. */
  public long started() {
    return started.sum();
  }

  /** Transfers found COMPLETED so far, warm-ups included. */
  public long completed() {
    return completed.sum();
  }

  /** The latency of the start's reply (from send), of every start answered so far. */
  public Histogram startLatency() {
    return startLatency.copy();
  }

  /** State polls sent so far, warm-ups included. */
  public long polls() {
    return polls.sum();
  }

  /** Failed transfers so far, warm-ups included, by stage and cause. */
  public Map<String, Long> failures() {
    Map<String, Long> counts = new TreeMap<>();
    failures.forEach((k, v) -> counts.put(k, v.sum()));
    return counts;
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
