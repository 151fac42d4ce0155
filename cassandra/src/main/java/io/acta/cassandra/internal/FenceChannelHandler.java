package io.acta.cassandra.internal;

import io.acta.runtime.spi.WriteFence;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The pause fence at the socket: the last handler of every driver connection's pipeline before the
 * network, which drops what is about to be written while the process's {@link WriteFence} is
 * closed, and closes the connection rather than flush bytes written before the fence closed.
 *
 * <p>{@link FenceThrottler} refuses a request before it is built, but a pause can fall after that
 * check: the request, encoded meanwhile or after the process resumes, would then still leave. Here
 * the check is made on the connection's event loop as the encoded frame reaches the socket, so only
 * bytes already handed to the kernel before the pause can still leave (and those reach Cassandra
 * within the pause's first moments, long before another node could take over). A dropped write
 * fails its request with {@link WriteFenceClosedException}; the driver then treats the connection
 * as broken, as it does a reset one.
 */
@Sharable
final class FenceChannelHandler extends ChannelOutboundHandlerAdapter {
  /** The name of the handler in a connection's pipeline. */
  static final String NAME = "acta-write-fence";

  static final FenceChannelHandler INSTANCE =
      new FenceChannelHandler(WriteFence::isOpen, WriteFence::refusal);

  private final BooleanSupplier open;
  private final Supplier<String> refusal;

  FenceChannelHandler(BooleanSupplier open, Supplier<String> refusal) {
    this.open = open;
    this.refusal = refusal;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (open.getAsBoolean()) {
      ctx.write(msg, promise);
    } else {
      ReferenceCountUtil.release(msg);
      promise.setFailure(new WriteFenceClosedException(refusal.get()));
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    // What was let through before the fence closed, but not sent yet, must not leave after it.
    if (open.getAsBoolean()) ctx.flush();
    else ctx.close();
  }

  /** Why a frame was not sent: the process was paused past acta.node.pause-fence. */
  static final class WriteFenceClosedException extends RuntimeException {
    WriteFenceClosedException(String message) {
      super(message, null, false, false);
    }
  }
}
