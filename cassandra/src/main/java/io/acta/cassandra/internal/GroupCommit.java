package io.acta.cassandra.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Group commit: writes go out at once while their destination has fewer than {@code partial}
 * requests outstanding; past that they wait, and go together when a request completes, up to {@code
 * maxWrites} writes and about {@code maxBytes} bytes a request. Writes that fill a request (as many
 * as it may hold, or as many bytes; a single write that large too) do not wait for a completion:
 * they go while fewer than {@code full} requests are outstanding. So a lone write is never delayed,
 * a moderate load is carried by a few requests of many writes each instead of one request per
 * write, and a heavy one (a catch-up) keeps up to {@code full} full requests busy.
 *
 * @param <W> a write
 */
final class GroupCommit<W> {
  private record Pending<W>(W write, CompletableFuture<Void> done) {}

  /** The writes waiting for one destination and its requests in flight; guarded by the owner. */
  private static final class Destination<W> {
    final ArrayDeque<Pending<W>> waiting = new ArrayDeque<>();
    int inFlight;
  }

  private final Function<W, Object> destination;
  private final ToIntFunction<W> bytes;
  private final Function<List<W>, CompletionStage<?>> sender;
  private final int partial;
  private final int full;
  private final int maxWrites;
  private final int maxBytes;
  private final Map<Object, Destination<W>> destinations = new HashMap<>();

  /**
   * @param destination where a write goes: writes for one destination share requests
   * @param bytes about how large a write is
   * @param sender sends writes for one destination in one request
   * @param partial requests to one destination outstanding before writes wait to go together
   * @param full requests to one destination outstanding before even full requests wait
   */
  GroupCommit(
      Function<W, Object> destination,
      ToIntFunction<W> bytes,
      Function<List<W>, CompletionStage<?>> sender,
      int partial,
      int full,
      int maxWrites,
      int maxBytes) {
    if (partial < 1 || full < partial)
      throw new IllegalArgumentException("need 1 <= partial <= full: " + partial + ", " + full);
    this.destination = destination;
    this.bytes = bytes;
    this.sender = sender;
    this.partial = partial;
    this.full = full;
    this.maxWrites = maxWrites;
    this.maxBytes = maxBytes;
  }

  /** Sends {@code write} alone or with others; completes once its request succeeded or failed. */
  CompletionStage<Void> write(W write) {
    Pending<W> pending = new Pending<>(write, new CompletableFuture<>());
    Object key = destination.apply(write);
    List<List<Pending<W>>> requests;
    synchronized (this) {
      Destination<W> d = destinations.computeIfAbsent(key, k -> new Destination<>());
      d.waiting.add(pending);
      requests = ready(d);
    }
    requests.forEach(r -> send(key, r));
    return pending.done();
  }

  /**
   * The requests a destination may send now, taken from its waiting writes in order: each as many
   * writes as one request holds; a full one while fewer than {@code full} are outstanding, a
   * partial one (the last writes waiting) while fewer than {@code partial} are.
   */
  private List<List<Pending<W>>> ready(Destination<W> d) {
    List<List<Pending<W>>> out = new ArrayList<>(1);
    while (!d.waiting.isEmpty()) {
      int take = 0;
      int total = 0;
      for (Pending<W> p : d.waiting) {
        int size = bytes.applyAsInt(p.write());
        if (take == maxWrites || (take > 0 && total + size > maxBytes)) break;
        take++;
        total += size;
      }
      boolean isFull = take == maxWrites || take < d.waiting.size() || total >= maxBytes;
      if (d.inFlight >= (isFull ? full : partial)) break;
      List<Pending<W>> request = new ArrayList<>(take);
      for (int i = 0; i < take; i++) request.add(d.waiting.poll());
      d.inFlight++;
      out.add(request);
    }
    return out;
  }

  private void send(Object key, List<Pending<W>> request) {
    CompletionStage<?> sent;
    try {
      sent = sender.apply(request.stream().map(Pending::write).toList());
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete(
        (result, error) -> {
          List<List<Pending<W>>> following;
          synchronized (this) {
            Destination<W> d = destinations.get(key);
            d.inFlight--;
            following = ready(d);
            if (d.inFlight == 0 && d.waiting.isEmpty()) destinations.remove(key);
          }
          following.forEach(r -> send(key, r));
          for (Pending<W> p : request) {
            if (error == null) p.done().complete(null);
            else p.done().completeExceptionally(error);
          }
        });
  }
}
