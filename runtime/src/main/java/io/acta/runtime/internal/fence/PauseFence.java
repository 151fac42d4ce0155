package io.acta.runtime.internal.fence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes this process to writes after it has been paused for longer than a threshold (SIGSTOP, a
 * frozen container or VM, a long stop-the-world GC, a starved CPU): while the process stood still
 * the cluster may have downed its node and started its entities elsewhere, and an entity that
 * persisted now would write sequence numbers its new owner has already used. Nothing refuses that:
 * the journal's rows are plain INSERTs keyed by sequence number and the writer's time-based UUID,
 * so the journal would hold two events under one sequence number, a forked history that every later
 * recovery folds (a deposit applied twice), and rows keyed without such a UUID (snapshots, offsets)
 * go to whichever write has the later timestamp.
 *
 * <p>A pause stops every thread of the process at once, so there is one fence per JVM ({@link
 * #jvm()}), shared by every node in it. A watchdog thread ticks every {@link #TICK}, recording
 * {@link System#nanoTime()}. {@link #isOpen()} is false when the time since the last tick exceeds
 * the threshold, so a caller that runs before the watchdog after the process resumes is refused
 * too, whatever order the threads are scheduled in; and false for good once the watchdog itself has
 * seen such a gap ({@link Trip}): it then calls every registered node back, which shuts down. The
 * fence opens again only once every node registered at the trip has closed its registration, for a
 * node started afterwards in the same JVM (tests) joins as a new incarnation.
 *
 * <p>The threshold is the smallest of the registered nodes' ({@code acta.node.pause-fence}); with
 * no registration the fence is open and no watchdog runs.
 */
public final class PauseFence {
  private static final Logger log = LoggerFactory.getLogger(PauseFence.class);

  /** How often the watchdog records that the process runs. */
  public static final Duration TICK = Duration.ofMillis(100);

  private static final PauseFence JVM =
      new PauseFence(System::nanoTime, PauseFence::wallClockMicros, true);

  /** Why the fence closed for good: the pause the watchdog saw. */
  public record Trip(Duration paused, Duration threshold, long lastRunningMicros) {}

  /**
   * The last tick, and the trip if there was one; replaced as a whole, so that one volatile read
   * gives a consistent view.
   */
  private record State(long tickNanos, long tickWallMicros, Trip trip) {}

  private final LongSupplier nanoTime;
  private final LongSupplier wallMicros;
  private final boolean runsWatchdog;

  /** The smallest registered threshold; {@link Long#MAX_VALUE} when none is registered. */
  private volatile long thresholdNanos = Long.MAX_VALUE;

  private volatile State state;

  // Guarded by this.
  private final List<Registration> registrations = new ArrayList<>();
  private final Set<Registration> awaitingClose = new HashSet<>();
  private Thread watchdog;

  private PauseFence(LongSupplier nanoTime, LongSupplier wallMicros, boolean runsWatchdog) {
    this.nanoTime = nanoTime;
    this.wallMicros = wallMicros;
    this.runsWatchdog = runsWatchdog;
    this.state = new State(nanoTime.getAsLong(), wallMicros.getAsLong(), null);
  }

  /** The fence of this JVM, with its watchdog thread running while any node is registered. */
  public static PauseFence jvm() {
    return JVM;
  }

  /**
   * A fence on the given clocks whose watchdog is {@link #tick()}ed by the caller: for tests, which
   * simulate a pause by moving the clock on.
   */
  public static PauseFence manual(LongSupplier nanoTime, LongSupplier wallMicros) {
    return new PauseFence(nanoTime, wallMicros, false);
  }

  /**
   * Whether this process may write now: no pause longer than the threshold since the last tick, and
   * no trip.
   */
  public boolean isOpen() {
    // The threshold first: a registration publishes a fresh tick before a finite threshold.
    long threshold = thresholdNanos;
    State s = state;
    if (s.trip() != null) return false;
    return threshold == Long.MAX_VALUE || nanoTime.getAsLong() - s.tickNanos() <= threshold;
  }

  /**
   * {@code candidateMicros} (a write timestamp, microseconds since the epoch) when the fence is
   * open; otherwise a timestamp no later than the last moment the process was seen running before
   * it closed, so that a write that slips through after a pause loses to every write made by
   * whoever took over meanwhile (Cassandra keeps the cell with the highest timestamp).
   */
  public long timestamp(long candidateMicros) {
    long threshold = thresholdNanos;
    State s = state;
    if (s.trip() != null) return Math.min(candidateMicros, s.trip().lastRunningMicros());
    if (threshold == Long.MAX_VALUE || nanoTime.getAsLong() - s.tickNanos() <= threshold)
      return candidateMicros;
    return Math.min(candidateMicros, s.tickWallMicros());
  }

  /** Why writes are refused now, for messages; meaningful only while the fence is closed. */
  public String refusal() {
    State s = state;
    long threshold = thresholdNanos;
    Duration limit =
        s.trip() != null
            ? s.trip().threshold()
            : Duration.ofNanos(threshold == Long.MAX_VALUE ? 0 : threshold);
    Duration paused =
        s.trip() != null
            ? s.trip().paused()
            : Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - s.tickNanos()));
    return "this node was paused for "
        + seconds(paused)
        + ", longer than its pause fence (acta.node.pause-fence = "
        + seconds(limit)
        + "), and may have been replaced meanwhile: it takes no command and is shutting down";
  }

  /**
   * Registers a node: the fence closes after pauses longer than {@code threshold} (the smallest of
   * all registrations counts), and {@code onTrip} is called, once, on the watchdog's thread, when
   * the watchdog sees such a pause. Close the registration when the node has stopped.
   */
  public Registration register(String node, Duration threshold, Consumer<Trip> onTrip) {
    Objects.requireNonNull(onTrip, "onTrip");
    if (threshold.isNegative() || threshold.isZero())
      throw new IllegalArgumentException("a pause fence must be positive, was " + threshold);
    Registration r = new Registration(node, threshold.toNanos(), onTrip);
    synchronized (this) {
      if (registrations.isEmpty()) {
        // Unwatched until now: the last tick may be old. Publish a fresh one before the threshold.
        State s = state;
        state = new State(nanoTime.getAsLong(), wallMicros.getAsLong(), s.trip());
      }
      registrations.add(r);
      thresholdNanos = Math.min(thresholdNanos, r.thresholdNanos);
      if (runsWatchdog && watchdog == null) {
        watchdog = Thread.ofPlatform().name("acta-pause-fence").daemon().start(this::watch);
      }
    }
    return r;
  }

  /**
   * One step of the watchdog: records that the process runs, and trips the fence when the time
   * since the previous step exceeds the threshold. Returns whether anything is registered.
   */
  public boolean tick() {
    long now = nanoTime.getAsLong();
    long wall = wallMicros.getAsLong();
    Trip tripped = null;
    List<Registration> toCall = List.of();
    synchronized (this) {
      if (registrations.isEmpty()) return false;
      State s = state;
      long gap = now - s.tickNanos();
      long threshold = thresholdNanos;
      Trip trip = s.trip();
      if (trip == null && gap > threshold) {
        trip = new Trip(Duration.ofNanos(gap), Duration.ofNanos(threshold), s.tickWallMicros());
        tripped = trip;
        toCall = List.copyOf(registrations);
        awaitingClose.addAll(registrations);
      } else if (trip == null && gap > threshold / 2) {
        log.warn(
            "This process did not run for {}; its pause fence (acta.node.pause-fence) closes"
                + " after {}",
            seconds(Duration.ofNanos(gap)),
            seconds(Duration.ofNanos(threshold)));
      }
      // The trip is published with the tick: a reader sees either the old tick (and the gap) or
      // the trip.
      state = new State(now, wall, trip);
    }
    if (tripped != null) {
      log.error(
          "This process was paused for {}, longer than its pause fence (acta.node.pause-fence ="
              + " {}): meanwhile the cluster may have downed the nodes it runs and moved their"
              + " entities elsewhere. They now refuse to write and shut down: {}",
          seconds(tripped.paused()),
          seconds(tripped.threshold()),
          toCall.stream().map(r -> r.node).toList());
      for (Registration r : toCall) {
        try {
          r.onTrip.accept(tripped);
        } catch (RuntimeException e) {
          log.error("Shutting down node {} after the pause failed", r.node, e);
        }
      }
    }
    return true;
  }

  private void watch() {
    while (true) {
      synchronized (this) {
        if (registrations.isEmpty()) {
          watchdog = null;
          return;
        }
      }
      tick();
      LockSupport.parkNanos(TICK.toNanos());
    }
  }

  private synchronized void close(Registration r) {
    if (!registrations.remove(r)) return;
    thresholdNanos =
        registrations.stream().mapToLong(x -> x.thresholdNanos).min().orElse(Long.MAX_VALUE);
    // A trip holds until every node that was running through the pause has stopped.
    if (awaitingClose.remove(r) && awaitingClose.isEmpty() && state.trip() != null) {
      State s = state;
      state = new State(nanoTime.getAsLong(), wallMicros.getAsLong(), null);
      log.info(
          "Every node that was paused for {} has stopped; nodes started from now on may write",
          seconds(s.trip().paused()));
    }
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static long wallClockMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  /** A node's place at the fence; closing it takes the node's threshold away. */
  public final class Registration implements AutoCloseable {
    private final String node;
    private final long thresholdNanos;
    private final Consumer<Trip> onTrip;

    private Registration(String node, long thresholdNanos, Consumer<Trip> onTrip) {
      this.node = node;
      this.thresholdNanos = thresholdNanos;
      this.onTrip = onTrip;
    }

    /** The fence this registration is at. */
    public PauseFence fence() {
      return PauseFence.this;
    }

    @Override
    public void close() {
      PauseFence.this.close(this);
    }
  }
}
