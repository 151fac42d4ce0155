package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.time.TimestampGenerator;
import com.datastax.oss.driver.internal.core.time.AtomicTimestampGenerator;
import io.acta.runtime.spi.WriteFence;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * The driver's write timestamps ({@code datastax-java-driver.advanced.timestamp-generator.class})
 * while {@code acta.node.pause-fence} is on: the driver's default ({@code
 * AtomicTimestampGenerator}, monotonic microseconds), except that a timestamp drawn while the
 * process's {@link WriteFence} is closed is moved back to the last moment the process was seen
 * running before its pause.
 *
 * <p>{@link FenceThrottler} refuses new requests after a pause, but the driver draws a fresh
 * timestamp for every execution of a request, retries and speculative executions included, and
 * those do not pass the throttler again. Without this, a write retried after the pause would carry
 * a timestamp later than the writes of the node that took over, and win over them where rows are
 * keyed without a writer's UUID (snapshots by sequence number, tag-write progress, projection
 * offsets: last write wins). Journal rows carry the writer's time-based UUID in their key, so a
 * write that slips through there adds a row rather than replacing one; only the throttler and the
 * entities' own check keep those out. The fence is read after the timestamp is drawn, so a pause
 * that falls between the two is seen too.
 */
public final class FenceTimestampGenerator implements TimestampGenerator {
  private final LongSupplier delegate;
  private final LongUnaryOperator fence;

  /** As the driver creates it, from {@code advanced.timestamp-generator.class}. */
  public FenceTimestampGenerator(DriverContext context) {
    AtomicTimestampGenerator atomic = new AtomicTimestampGenerator(context);
    this.delegate = atomic::next;
    this.fence = WriteFence::timestamp;
  }

  FenceTimestampGenerator(LongSupplier delegate, LongUnaryOperator fence) {
    this.delegate = delegate;
    this.fence = fence;
  }

  @Override
  public long next() {
    long candidate = delegate.getAsLong();
    return fence.applyAsLong(candidate);
  }

  /** Nothing to release: the driver's generator holds no resource either. */
  @Override
  public void close() {}
}
