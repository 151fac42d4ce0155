package io.acta.runtime.internal.views;

import io.acta.api.view.Versioned;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One view row that subscribers on this node follow: read once per change however many follow it,
 * each read handed to all of them. Changes that arrive while a read is under way make one more read
 * after it, so the last change is never left unread and a burst of changes costs two reads.
 */
final class RowWatch {
  private static final Logger log = LoggerFactory.getLogger(RowWatch.class);

  /** A row of a view, whatever version of the view serves it. */
  record Id(String view, String key) {}

  private final Supplier<CompletionStage<Optional<Versioned<Object>>>> read;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Versioned<Object>> last = new AtomicReference<>();

  // Guarded by this.
  private boolean reading;
  private boolean again;
  private CompletableFuture<Void> reads;

  /** Follows the row {@code read} reads (in the version of its view that serves at the time). */
  RowWatch(Supplier<CompletionStage<Optional<Versioned<Object>>>> read) {
    this.read = read;
  }

  /** Adds a subscriber, and hands it the row as last read, if any. */
  void add(Subscriber subscriber) {
    subscribers.add(subscriber);
    Versioned<Object> row = last.get();
    if (row != null) subscriber.deliver(row);
  }

  /** The version of the newest row read or handed over; -1 before any. */
  long lastVersion() {
    Versioned<Object> row = last.get();
    return row == null ? -1 : row.version();
  }

  /** Removes a subscriber; returns this watch, or null once no subscriber is left. */
  RowWatch remove(Subscriber subscriber) {
    subscribers.remove(subscriber);
    return subscribers.isEmpty() ? null : this;
  }

  /**
   * Reads the row and hands it to every subscriber; completes once that read (and any one more that
   * changes meanwhile asked for) is done.
   */
  CompletionStage<Void> refresh() {
    CompletableFuture<Void> done;
    synchronized (this) {
      if (reading) {
        again = true;
        return reads;
      }
      reading = true;
      reads = new CompletableFuture<>();
      done = reads;
    }
    readOnce(done);
    return done;
  }

  private void readOnce(CompletableFuture<Void> done) {
    CompletionStage<Optional<Versioned<Object>>> row;
    try {
      row = read.get();
    } catch (RuntimeException e) {
      row = CompletableFuture.failedFuture(e);
    }
    row.whenComplete(
        (found, error) -> {
          boolean failed = error != null;
          if (failed) log.debug("Reading a watched row failed; trying again in 1 s", error);
          else found.ifPresent(this::deliver);
          boolean more;
          synchronized (this) {
            more = again;
            again = false;
            if (!more) reading = false;
          }
          if (more) readOnce(done);
          else done.complete(null);
          // A change this read should have shown must not wait for the next notice.
          if (failed && !subscribers.isEmpty())
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(this::refresh);
        });
  }

  private void deliver(Versioned<Object> row) {
    last.accumulateAndGet(row, RowWatch::newer);
    for (Subscriber s : subscribers) s.deliver(row);
  }

  private static Versioned<Object> newer(Versioned<Object> a, Versioned<Object> b) {
    return a == null || b.version() > a.version() ? b : a;
  }

  /**
   * One stream of a row's changes. It keeps only the newest row handed to it and a wake-up signal,
   * so a slow consumer skips versions it had no time for rather than buffering them, and is never
   * handed an older version after a newer one.
   */
  static final class Subscriber {
    private final AtomicReference<Versioned<Object>> latest = new AtomicReference<>();
    private volatile BoundedSourceQueue<Boolean> wake;

    // Read and written only by the stream's stage.
    private long emitted;

    /** A subscriber that wants only rows newer than {@code afterVersion}. */
    Subscriber(long afterVersion) {
      this.emitted = afterVersion;
    }

    void deliver(Versioned<Object> row) {
      latest.accumulateAndGet(row, RowWatch::newer);
      BoundedSourceQueue<Boolean> signal = wake;
      if (signal != null) signal.offer(Boolean.TRUE); // dropped when one is pending: same effect
    }

    /** The rows newer than the last one emitted, as they are handed over; run once. */
    Source<Versioned<Object>, NotUsed> changes() {
      return Source.<Boolean>queue(1)
          .mapMaterializedValue(
              queue -> {
                wake = queue;
                // A row handed over before the queue existed must not wait for the next change.
                if (latest.get() != null) queue.offer(Boolean.TRUE);
                return NotUsed.getInstance();
              })
          .mapConcat(
              signal -> {
                Versioned<Object> row = latest.get();
                if (row == null || row.version() <= emitted) return List.of();
                emitted = row.version();
                return List.of(row);
              });
    }
  }
}
