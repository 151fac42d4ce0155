package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.CqlSessionProvider;
import org.apache.pekko.stream.connectors.cassandra.DriverConfigLoaderFromConfig;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * The sessions of pekko-persistence-cassandra and pekko-projection-cassandra ({@code
 * session-provider}) while {@code acta.node.pause-fence} is on: built as Pekko's default provider
 * builds them, from the plugin's driver configuration, but by {@link FencedSessionBuilder}, so that
 * the journal's and the offset store's connections are fenced at the socket too.
 */
public final class FencedSessionProvider implements CqlSessionProvider {
  private final ActorSystem system;
  private final Config config;

  /** As the plugins create it: the actor system and the plugin's configuration section. */
  public FencedSessionProvider(ActorSystem system, Config config) {
    this.system = system;
    this.config = config;
  }

  @Override
  public Future<CqlSession> connect(ExecutionContext ec) {
    Config driver = CqlSessionProvider.driverConfig(system, config);
    return FutureConverters.asScala(
        new FencedSessionBuilder()
            .withConfigLoader(DriverConfigLoaderFromConfig.fromConfig(driver))
            .buildAsync());
  }
}
