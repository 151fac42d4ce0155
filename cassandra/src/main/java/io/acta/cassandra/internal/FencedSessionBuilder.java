package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.session.ProgrammaticArguments;
import com.datastax.oss.driver.internal.core.context.DefaultDriverContext;
import com.datastax.oss.driver.internal.core.context.DefaultNettyOptions;
import com.datastax.oss.driver.internal.core.context.NettyOptions;
import io.netty.channel.Channel;

/**
 * A driver session builder whose connections carry {@link FenceChannelHandler} next to the socket,
 * for a node that runs with {@code acta.node.pause-fence}. The driver's documented way to reach a
 * connection's pipeline is {@link NettyOptions#afterChannelInitialized}, on a context the builder
 * creates in {@link #buildContext}.
 */
final class FencedSessionBuilder extends CqlSessionBuilder {

  @Override
  protected DriverContext buildContext(
      DriverConfigLoader configLoader, ProgrammaticArguments programmaticArguments) {
    return new FencedDriverContext(configLoader, programmaticArguments);
  }

  private static final class FencedDriverContext extends DefaultDriverContext {
    FencedDriverContext(DriverConfigLoader configLoader, ProgrammaticArguments arguments) {
      super(configLoader, arguments);
    }

    @Override
    protected NettyOptions buildNettyOptions() {
      return new DefaultNettyOptions(this) {
        @Override
        public void afterChannelInitialized(Channel channel) {
          // First in the pipeline is last on the way out: it sees each encoded (and, with TLS,
          // encrypted) frame as it is handed to the socket.
          channel.pipeline().addFirst(FenceChannelHandler.NAME, FenceChannelHandler.INSTANCE);
        }
      };
    }
  }
}
