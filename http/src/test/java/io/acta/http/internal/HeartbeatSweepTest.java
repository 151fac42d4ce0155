package io.acta.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.serialization.JSerializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HeartbeatSweepTest {
  private static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    // A system to run streams, no node: nothing is serialized, so Acta's serializer, which only a
    // node can set up, is replaced.
    var config =
        ConfigFactory.parseString(
                "pekko.actor.serializers.acta = \"" + NoSerializer.class.getName() + "\"")
            .withFallback(ConfigFactory.load());
    system = ActorSystem.create(Behaviors.empty(), "heartbeat-sweep-test", config);
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @Test
  void slotsOfASecondCutTheInterval() {
    HeartbeatSweep sweep = new HeartbeatSweep(Duration.ofSeconds(30));
    assertThat(sweep.slots()).isEqualTo(30);
    assertThat(sweep.period()).isEqualTo(Duration.ofSeconds(1));
    HeartbeatSweep short_ = new HeartbeatSweep(Duration.ofMillis(400));
    assertThat(short_.slots()).isEqualTo(1);
    assertThat(short_.period()).isEqualTo(Duration.ofMillis(400));
    assertThatThrownBy(() -> new HeartbeatSweep(Duration.ZERO))
        .hasMessageContaining("must be positive");
  }

  @Test
  void everyStreamHearsOnceARoundAndTheSlotsShareTheStreams() throws Exception {
    HeartbeatSweep sweep = new HeartbeatSweep(Duration.ofSeconds(3));
    List<SinkQueueWithCancel<ServerSentEvent>> streams = new ArrayList<>();
    for (int i = 0; i < 7; i++) streams.add(sweep.heartbeats().runWith(Sink.queue(), system));
    assertThat(sweep.streams()).as("streams take a slot as they open").isEqualTo(7);

    for (int round = 0; round < 2; round++) {
      List<Integer> perSweep = List.of(sweep.sweep(), sweep.sweep(), sweep.sweep());
      // Dealt in turn: 3, 2 and 2 streams in the three slots.
      assertThat(perSweep).as("round %d", round).containsExactly(3, 2, 2);
      for (var stream : streams) {
        Optional<ServerSentEvent> heard = stream.pull().toCompletableFuture().get(5, SECONDS);
        assertThat(heard).contains(ServerSentEvent.heartbeat());
      }
    }
  }

  @Test
  void aStreamThatIsNotReadHoldsOneHeartbeatAndTheRestAreDropped() throws Exception {
    HeartbeatSweep sweep = new HeartbeatSweep(Duration.ofSeconds(1));
    var stream = sweep.heartbeats().runWith(Sink.queue(), system);
    assertThat(sweep.streams()).isEqualTo(1);
    // The sink queue pulls ahead a little: once its buffer is full, the stream's own queue holds
    // one heartbeat and refuses the next.
    int taken = 0;
    for (int i = 0; i < 100 && sweep.sweep() == 1; i++) taken++;
    assertThat(taken).as("heartbeats taken before the stream stopped taking more").isLessThan(100);
    assertThat(stream.pull().toCompletableFuture().get(5, SECONDS)).isPresent();
  }

  @Test
  void aStreamLeavesItsSlotWhenItEnds() {
    HeartbeatSweep sweep = new HeartbeatSweep(Duration.ofSeconds(2));
    var first = sweep.heartbeats().runWith(Sink.queue(), system);
    var second = sweep.heartbeats().runWith(Sink.queue(), system);
    assertThat(sweep.streams()).isEqualTo(2);
    first.cancel();
    await(sweep::streams, 1);
    assertThat(sweep.sweep() + sweep.sweep()).as("heartbeats taken in one round").isEqualTo(1);
    second.cancel();
    await(sweep::streams, 0);
  }

  @Test
  void endingTheStreamsCompletesEveryOneAndAnyOpenedAfter() throws Exception {
    HeartbeatSweep sweep = new HeartbeatSweep(Duration.ofSeconds(3));
    List<SinkQueueWithCancel<ServerSentEvent>> streams = new ArrayList<>();
    for (int i = 0; i < 4; i++) streams.add(sweep.heartbeats().runWith(Sink.queue(), system));
    sweep.sweep();
    sweep.endStreams();
    for (var stream : streams) {
      // A heartbeat offered before the end is still delivered; then the stream completes.
      Optional<ServerSentEvent> last = stream.pull().toCompletableFuture().get(5, SECONDS);
      if (last.isPresent()) last = stream.pull().toCompletableFuture().get(5, SECONDS);
      assertThat(last).as("the stream completed").isEmpty();
    }
    assertThat(sweep.streams()).isZero();
    var late = sweep.heartbeats().runWith(Sink.queue(), system);
    assertThat(late.pull().toCompletableFuture().get(5, SECONDS))
        .as("a stream opened after the end completes at once")
        .isEmpty();
    assertThat(sweep.sweep()).isZero();
  }

  @Test
  void startedOnTheSchedulerItSendsHeartbeats() throws Exception {
    HeartbeatSweep sweep = HeartbeatSweep.start(system, Duration.ofMillis(50));
    try {
      var stream = sweep.heartbeats().runWith(Sink.queue(), system);
      for (int i = 0; i < 3; i++) {
        assertThat(stream.pull().toCompletableFuture().get(5, SECONDS))
            .contains(ServerSentEvent.heartbeat());
      }
    } finally {
      sweep.stop();
    }
  }

  private static final TimeUnit SECONDS = TimeUnit.SECONDS;

  /** Stands in for Acta's serializer in a system that serializes nothing. */
  public static final class NoSerializer extends JSerializer {
    @Override
    public int identifier() {
      return 861_002;
    }

    @Override
    public boolean includeManifest() {
      return false;
    }

    @Override
    public byte[] toBinary(Object o) {
      throw new UnsupportedOperationException("nothing is serialized in this test");
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
      throw new UnsupportedOperationException("nothing is serialized in this test");
    }
  }

  /**
   * Waits until {@code value} is {@code expected}: a stream leaves its slot when its termination,
   * which comes asynchronously after a cancel, has been seen.
   */
  private static void await(IntSupplier value, int expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (value.getAsInt() != expected && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    assertThat(value.getAsInt()).isEqualTo(expected);
  }
}
