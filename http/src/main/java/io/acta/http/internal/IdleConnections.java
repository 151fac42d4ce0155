package io.acta.http.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.ServerBuilder;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ResponseEntity;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.duration.FiniteDuration;

/**
 * Closes the server's connections that stay idle longer than {@code
 * pekko.http.server.idle-timeout}, with one sweep over all of them, in place of Pekko HTTP's own
 * idle timeout.
 *
 * <p>Pekko's timeout checks each connection once a second on a timer of that connection's stream:
 * with 10,000 updates streams open, 10,000 stream wake-ups a second for nothing, where an idle
 * stream otherwise wakes only for its heartbeat (BENCHMARKS.md, "Idle streams"). Here one task
 * checks every connection's last activity instead ({@link #sweep}, scheduled by the server), and
 * the streams stay asleep until they have something to send.
 *
 * <p>The rule is Pekko's, at the level of requests and responses instead of bytes: a connection is
 * idle when no request is being answered and nothing went either way for the timeout: no request
 * arrived, no response left, no chunk of a streamed response (an updates stream's heartbeat counts)
 * was sent. A stream whose client stopped reading stops sending chunks, so it is closed too. A
 * connection whose request line and headers never complete is idle from its opening.
 *
 * <p>It also knows which connections are sending a streamed response that closes the connection at
 * its end (an updates stream's), so that a stopping server can end those streams and wait for their
 * connections to close ({@link #streamingConnectionsClosed}) before Pekko's {@code terminate} cuts
 * whatever is left: a connection closed by Pekko after the response's last chunk has sent it.
 */
public final class IdleConnections {
  private static final Logger log = LoggerFactory.getLogger(IdleConnections.class);
  private final long timeoutNanos;
  private final LongSupplier clock;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();

  /**
   * @param timeout how long a connection may stay idle
   * @param clock nanoseconds, as {@link System#nanoTime}
   */
  IdleConnections(Duration timeout, LongSupplier clock) {
    this.timeoutNanos = timeout.toNanos();
    this.clock = clock;
  }

  /** A server bound by {@link #bind}, and its connections. */
  public record Bound(ServerBinding binding, IdleConnections connections) {}

  /**
   * Binds {@code route} on {@code server} with {@code settings}: a finite idle timeout in them is
   * kept by a sweep of this class instead of Pekko's timer per connection, from the binding to its
   * termination.
   */
  public static CompletionStage<Bound> bind(
      ActorSystem<?> system, ServerBuilder server, ServerSettings settings, Route route) {
    Duration timeout =
        settings.getTimeouts().idleTimeout() instanceof FiniteDuration finite
            ? Duration.ofNanos(finite.toNanos())
            : NEVER;
    IdleConnections idle = new IdleConnections(timeout, System::nanoTime);
    Duration every = sweepInterval(timeout);
    Cancellable sweeps =
        timeout == NEVER
            ? Cancellable.alreadyCancelled()
            : system
                .scheduler()
                .scheduleWithFixedDelay(every, every, idle::sweepAndLog, system.executionContext());
    return server
        .withSettings(
            settings.withTimeouts(
                settings.getTimeouts().withIdleTimeout(scala.concurrent.duration.Duration.Inf())))
        .bindFlow(idle.handle(route.handler(system), settings.getPipeliningLimit()))
        .whenComplete(
            (binding, error) -> {
              if (error != null) sweeps.cancel();
              else binding.whenTerminated().whenComplete((t, e) -> sweeps.cancel());
            })
        .thenApply(binding -> new Bound(binding, idle));
  }

  /** An idle timeout that never comes (the server's is infinite): no sweeps. */
  private static final Duration NEVER = Duration.ofNanos(Long.MAX_VALUE);

  private void sweepAndLog() {
    int closed = sweep();
    if (closed > 0) log.debug("Closed {} idle connections ({} open)", closed, open());
  }

  /** How often {@link #sweep} should run: a second, or an eighth of a shorter timeout. */
  static Duration sweepInterval(Duration timeout) {
    Duration eighth = timeout.dividedBy(8);
    Duration floor = Duration.ofMillis(10);
    Duration interval = eighth.compareTo(floor) < 0 ? floor : eighth;
    return interval.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : interval;
  }

  /**
   * The flow that answers one connection's requests with {@code handler}, at most {@code
   * pipelining} at a time (as Pekko's own {@code bind} does), watched for idleness. Materialized
   * once per connection.
   */
  Flow<HttpRequest, HttpResponse, NotUsed> handle(
      Function<HttpRequest, CompletionStage<HttpResponse>> handler, int pipelining) {
    return Flow.fromMaterializer(
            (materializer, attributes) -> {
              Connection connection = new Connection(clock.getAsLong());
              return Flow.<HttpRequest>create()
                  .viaMat(KillSwitches.single(), (notUsed, close) -> connection.opened(close))
                  .map(connection::requestArrived)
                  .mapAsync(pipelining, handler)
                  .map(connection::responseLeft)
                  .watchTermination(
                      (notUsed, done) -> {
                        connection.closed = done.toCompletableFuture();
                        done.whenComplete((d, e) -> open.remove(connection));
                        return NotUsed.getInstance();
                      });
            })
        .mapMaterializedValue(future -> NotUsed.getInstance());
  }

  /** Closes every connection idle for longer than the timeout; returns how many it closed. */
  int sweep() {
    long now = clock.getAsLong();
    int closed = 0;
    for (Connection connection : open) {
      if (connection.idleAt(now)) {
        open.remove(connection);
        connection.close.shutdown();
        closed++;
      }
    }
    return closed;
  }

  /** How many connections are open now. */
  int open() {
    return open.size();
  }

  /**
   * Completes once every connection that is sending a streamed response with {@code Connection:
   * close} now has closed (normally or not): a stopping server waits for it after ending its
   * streams, so that each response's end reaches its client before the server cuts what is left.
   */
  public CompletableFuture<Void> streamingConnectionsClosed() {
    return CompletableFuture.allOf(
        open.stream()
            .filter(c -> c.closesAfterStream)
            .map(c -> c.closed.handle((d, e) -> d))
            .toArray(CompletableFuture[]::new));
  }

  private static boolean closesConnection(HttpResponse response) {
    return response
        .getHeader(org.apache.pekko.http.javadsl.model.headers.Connection.class)
        .map(h -> h.value().toLowerCase(Locale.ROOT).contains("close"))
        .orElse(false);
  }

  /** One connection's activity, written by its stream and read by the sweep. */
  private final class Connection {
    private final AtomicInteger answering = new AtomicInteger();
    private volatile long lastActive;
    private volatile UniqueKillSwitch close;
    private volatile CompletableFuture<Done> closed = new CompletableFuture<>();
    private volatile boolean closesAfterStream;

    Connection(long now) {
      lastActive = now;
    }

    NotUsed opened(UniqueKillSwitch close) {
      this.close = close;
      open.add(this);
      return NotUsed.getInstance();
    }

    HttpRequest requestArrived(HttpRequest request) {
      answering.incrementAndGet();
      lastActive = clock.getAsLong();
      return request;
    }

    HttpResponse responseLeft(HttpResponse response) {
      lastActive = clock.getAsLong();
      answering.decrementAndGet();
      ResponseEntity entity = response.entity();
      if (entity.isKnownEmpty() || entity.isStrict()) return response;
      if (closesConnection(response)) closesAfterStream = true;
      // A streamed response is activity for as long as its chunks keep leaving.
      Flow<ByteString, ByteString, NotUsed> touching =
          Flow.<ByteString>create()
              .map(
                  chunk -> {
                    lastActive = clock.getAsLong();
                    return chunk;
                  });
      OptionalLong length = entity.getContentLengthOption();
      // With a known length the entity keeps it (transforming its bytes would make it chunked).
      return length.isPresent()
          ? response.withEntity(
              HttpEntities.create(
                  entity.getContentType(), length.getAsLong(), entity.getDataBytes().via(touching)))
          : response.transformEntityDataBytes(touching);
    }

    boolean idleAt(long now) {
      return answering.get() == 0 && now - lastActive > timeoutNanos;
    }
  }
}
