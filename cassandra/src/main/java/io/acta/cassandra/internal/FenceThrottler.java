package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.session.throttling.RequestThrottler;
import com.datastax.oss.driver.api.core.session.throttling.Throttled;
import io.acta.runtime.spi.WriteFence;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The driver's request throttler ({@code datastax-java-driver.advanced.throttler.class}) while
 * {@code acta.node.pause-fence} is on: fails every request at once while the process's {@link
 * WriteFence} is closed, and lets every other one through unthrottled, as the driver's default
 * does.
 *
 * <p>This is the last point a request passes before the network. Entities check the fence before
 * they persist, but a pause can fall after that check: the journal's write is then only built after
 * the process resumes. In driver 4.18 a request registers here first ({@code CqlRequestHandler}'s
 * constructor), and only once let through is its message built and its write timestamp drawn
 * ({@code sendRequest} calls {@code Conversions.toMessage}, which calls the timestamp generator),
 * so a write refused here never gets a timestamp from after the pause. A write let through before a
 * pause carries a timestamp from before it, and loses (last write wins) to the later writes of the
 * node that took over, where rows are replaced by key; a journal row, keyed by the writer's
 * time-based UUID as well, is added beside the new owner's instead: the one case the fence cannot
 * keep out, a write between this check and the socket when the process stopped (its entity does not
 * acknowledge it). Retries and speculative executions draw a new timestamp without coming back
 * here; {@link FenceTimestampGenerator} covers those.
 */
public final class FenceThrottler implements RequestThrottler {
  private final BooleanSupplier open;
  private final Supplier<String> refusal;

  /** As the driver creates it, from {@code advanced.throttler.class}. */
  public FenceThrottler(DriverContext context) {
    this(WriteFence::isOpen, WriteFence::refusal);
  }

  FenceThrottler(BooleanSupplier open, Supplier<String> refusal) {
    this.open = open;
    this.refusal = refusal;
  }

  @Override
  public void register(Throttled request) {
    if (open.getAsBoolean()) request.onThrottleReady(false);
    else request.onThrottleFailure(new RequestThrottlingException(refusal.get()));
  }

  @Override
  public void signalSuccess(Throttled request) {}

  @Override
  public void signalError(Throttled request, Throwable error) {}

  @Override
  public void signalTimeout(Throttled request) {}

  @Override
  public void close() {}
}
