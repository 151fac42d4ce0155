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
 * Group commit: writes go out at once while their destination has fewer than {@code inFlight}
 * requests outstanding; past that they wait, and when a request completes the writes that waited
 * for its destination go together in one request, up to {@code maxWrites} writes and about {@code
 * maxBytes} bytes. So a lone write is never delayed, and under load requests carry many writes.
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
  private final int inFlight;
  private final int maxWrites;
  private final int maxBytes;
  private final Map<Object, Destination<W>> destinations = new HashMap<>();

  /**
   * @param destination where a write goes: writes for one destination share requests
   * @param bytes about how large a write is
   * @param sender sends writes for one destination in one request
   */
  GroupCommit(
      Function<W, Object> destination,
      ToIntFunction<W> bytes,
      Function<List<W>, CompletionStage<?>> sender,
      int inFlight,
      int maxWrites,
      int maxBytes) {
    this.destination = destination;
    this.bytes = bytes;
    this.sender = sender;
    this.inFlight = inFlight;
    this.maxWrites = maxWrites;
    this.maxBytes = maxBytes;
  }

  /** Sends {@code write} alone or with others; completes once its request succeeded or failed. */
  CompletionStage<Void> write(W write) {
    Pending<W> pending = new Pending<>(write, new CompletableFuture<>());
    Object key = destination.apply(write);
    List<Pending<W>> request;
    synchronized (this) {
      Destination<W> d = destinations.computeIfAbsent(key, k -> new Destination<>());
      d.waiting.add(pending);
      request = next(d);
    }
    if (request != null) send(key, request);
    return pending.done();
  }

  /** The next request for a destination with room for one; null otherwise. */
  private List<Pending<W>> next(Destination<W> d) {
    if (d.waiting.isEmpty() || d.inFlight >= inFlight) return null;
    List<Pending<W>> request = new ArrayList<>();
    int total = 0;
    while (!d.waiting.isEmpty() && request.size() < maxWrites) {
      int size = bytes.applyAsInt(d.waiting.peek().write());
      if (!request.isEmpty() && total + size > maxBytes) break;
      request.add(d.waiting.poll());
      total += size;
    }
    d.inFlight++;
    return request;
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
          List<Pending<W>> following;
          synchronized (this) {
            Destination<W> d = destinations.get(key);
            d.inFlight--;
            following = next(d);
            if (d.inFlight == 0 && d.waiting.isEmpty()) destinations.remove(key);
          }
          if (following != null) send(key, following);
          for (Pending<W> p : request) {
            if (error == null) p.done().complete(null);
            else p.done().completeExceptionally(error);
          }
        });
  }
}
