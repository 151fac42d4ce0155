package io.acta.http.archfixture;

import com.typesafe.config.ConfigFactory;
import io.acta.api.EscapeHatch;
import io.acta.cassandra.CassandraSchema;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A deliberate breach for ArchitectureTest, in a package of the http module: a public API class
 * that hands out a Pekko type without saying it is an escape hatch, and uses the Cassandra module,
 * which the graph does not let http use.
 */
public final class LeakyApi {
  private final ActorSystem<Void> system;

  public LeakyApi(ActorSystem<Void> system) {
    this.system = system;
  }

  /** A Pekko type in a public signature, unmarked: the breach. */
  public ActorSystem<Void> system() {
    return system;
  }

  /** The same, marked: allowed. */
  @EscapeHatch("for the test")
  public ActorSystem<Void> hatch() {
    return system;
  }

  /** A dependency the graph forbids. */
  public static List<String> schema() {
    return CassandraSchema.statements(ConfigFactory.empty());
  }
}
