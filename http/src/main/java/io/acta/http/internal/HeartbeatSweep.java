package io.acta.http.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Sends the heartbeats of every updates stream of a node from one scheduled task, in place of a
 * timer per stream.
 *
 * <p>A timer per stream fires on its own: 10,000 idle streams at a 30 s interval are 333 timers a
 * second, each waking the scheduler's thread and a dispatcher thread for one write, and the
 * wake-ups cost the node more than the writes (BENCHMARKS.md, "Idle streams"). Here the interval is
 * cut into slots of about a second, the streams are dealt round the slots in turn as they open, and
 * one task, once per slot, offers a heartbeat to the streams of that slot: the threads wake once
 * for a few hundred writes. A stream's first heartbeat comes within one interval of its opening,
 * and one every interval after.
 *
 * <p>A stream's queue holds one heartbeat: a client that stopped reading leaves it there, the later
 * ones are dropped, nothing more is written to it, and the idle-connection sweep closes it ({@link
 * IdleConnections}).
 *
 * <p>When the server stops, {@link #endStreams} completes every stream's heartbeats, which ends the
 * stream they are merged into: its response ends properly, instead of Pekko cutting its connection.
 */
public final class HeartbeatSweep {
  /** Slots are about this long, so that a burst of heartbeats is an interval's share of them. */
  private static final Duration SLOT = Duration.ofSeconds(1);

  private static final ServerSentEvent HEARTBEAT = ServerSentEvent.heartbeat();

  private final List<Set<BoundedSourceQueue<ServerSentEvent>>> slots;
  private final Duration period;
  private final AtomicLong dealt = new AtomicLong();
  private final AtomicInteger turn = new AtomicInteger();
  private volatile Cancellable task = Cancellable.alreadyCancelled();
  private volatile boolean ended;

  /** A sweep whose {@link #sweep} the caller runs every {@link #period()}: for tests. */
  HeartbeatSweep(Duration interval) {
    if (interval.isNegative() || interval.isZero())
      throw new IllegalArgumentException("a heartbeat interval must be positive, was " + interval);
    int count = (int) Math.max(1, Math.min(3_600, interval.toMillis() / SLOT.toMillis()));
    List<Set<BoundedSourceQueue<ServerSentEvent>>> s = new ArrayList<>(count);
    for (int i = 0; i < count; i++) s.add(ConcurrentHashMap.newKeySet());
    this.slots = List.copyOf(s);
    this.period = interval.dividedBy(count);
  }

  /** A sweep with a heartbeat every {@code interval}, run on {@code system}'s scheduler. */
  public static HeartbeatSweep start(ActorSystem<?> system, Duration interval) {
    HeartbeatSweep sweep = new HeartbeatSweep(interval);
    sweep.task =
        system
            .scheduler()
            .scheduleWithFixedDelay(
                sweep.period, sweep.period, sweep::sweep, system.executionContext());
    return sweep;
  }

  /** Stops the heartbeats; the streams stay open. */
  public void stop() {
    task.cancel();
  }

  /**
   * Stops the heartbeats and completes those of every stream, which ends the streams they are
   * merged into (eagerly); a stream opened from now on ends at once.
   */
  public void endStreams() {
    ended = true;
    task.cancel();
    for (var slot : slots) {
      for (BoundedSourceQueue<ServerSentEvent> queue : slot) end(slot, queue);
    }
  }

  /** Whoever takes a queue out of its slot completes it: once, whichever comes first. */
  private static void end(
      Set<BoundedSourceQueue<ServerSentEvent>> slot, BoundedSourceQueue<ServerSentEvent> queue) {
    if (slot.remove(queue)) queue.complete();
  }

  /**
   * The heartbeats of one stream: each time this source is materialized it takes the next slot in
   * turn, which it leaves when the stream ends. After {@link #endStreams} it completes at once.
   */
  public Source<ServerSentEvent, NotUsed> heartbeats() {
    return Source.<ServerSentEvent>queue(1)
        .mapMaterializedValue(
            queue -> {
              var slot = slots.get((int) (dealt.getAndIncrement() % slots.size()));
              slot.add(queue);
              // After the add: endStreams sets the flag before it goes round the slots, so a
              // stream opening meanwhile is ended by one or the other.
              if (ended) end(slot, queue);
              return (Runnable) () -> slot.remove(queue);
            })
        .watchTermination(
            (leave, done) -> {
              done.whenComplete((d, e) -> leave.run());
              return NotUsed.getInstance();
            });
  }

  /**
   * Offers a heartbeat to the streams of the next slot; returns how many took it (a stream whose
   * client is not reading holds the previous one still).
   */
  int sweep() {
    var slot = slots.get(Math.floorMod(turn.getAndIncrement(), slots.size()));
    int taken = 0;
    for (BoundedSourceQueue<ServerSentEvent> queue : slot) {
      if (queue.offer(HEARTBEAT) == QueueOfferResult.enqueued()) taken++;
    }
    return taken;
  }

  /** How often {@link #sweep} runs: the interval divided by the number of slots. */
  Duration period() {
    return period;
  }

  /** How many slots the interval has: a stream hears from {@link #sweep} once every so many. */
  int slots() {
    return slots.size();
  }

  /** How many streams are registered now. */
  int streams() {
    return slots.stream().mapToInt(Set::size).sum();
  }
}
