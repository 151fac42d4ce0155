package io.acta.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import io.acta.runtime.NodeRole;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.pattern.Patterns;
import org.junit.jupiter.api.Test;

/**
 * Roles decide where work runs, never what a node can ask for: a node without the entities role
 * (here one that would only serve HTTP) sends commands to entities hosted on a node that has it.
 */
class NodeRolesTest {

  @Test
  void aNodeWithoutTheEntitiesRoleReachesEntitiesHostedElsewhere() throws Exception {
    int port = freePort();
    String seed = "pekko://roles@127.0.0.1:" + port;
    try (ActaNode host =
            ActaNode.builder("roles")
                .entity(Account.TYPE)
                .store("in-memory")
                .address("127.0.0.1", port)
                .seedNodes(List.of(seed))
                .roles(NodeRole.ENTITIES)
                .start();
        ActaNode front =
            ActaNode.builder("roles")
                .entity(Account.TYPE)
                .store("in-memory")
                .address("127.0.0.1", 0)
                .seedNodes(List.of(seed))
                .roles(NodeRole.HTTP)
                .start()) {
      assertThat(front.roles()).containsExactly(NodeRole.HTTP);
      assertThat(front.hasRole(NodeRole.ENTITIES)).isFalse();

      var account = front.entity(Account.TYPE, "roles-1");
      account.ask(new Open("ada", "EUR")).toCompletableFuture().get(10, TimeUnit.SECONDS);
      Money balance =
          account
              .ask(new Deposit(Money.of(5, "EUR"), "k1"))
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      assertThat(balance).isEqualTo(Money.of(5, "EUR"));

      var region =
          ClusterSharding.get(host.actorSystem().classicSystem()).shardRegion(Account.TYPE.name());
      var state =
          (ShardRegion.CurrentShardRegionState)
              Patterns.ask(region, ShardRegion.getShardRegionStateInstance(), Duration.ofSeconds(5))
                  .toCompletableFuture()
                  .get(10, TimeUnit.SECONDS);
      assertThat(state.getShards()).flatExtracting(s -> s.getEntityIds()).contains("roles-1");
    }
  }

  @Test
  void anUnknownRoleIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(
            () ->
                ActaNode.builder("roles")
                    .store("in-memory")
                    .config("acta.node.roles = [entities, reporting]")
                    .start())
        .hasMessageContaining("unknown node role 'reporting'")
        .hasMessageContaining("entities, projections, http");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
