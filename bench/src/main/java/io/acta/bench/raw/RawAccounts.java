package io.acta.bench.raw;

import io.acta.examples.ledger.Money;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The raw Pekko accounts under Cluster Sharding in an existing actor system (an Acta node's,
 * reached through {@code ActaNode.actorSystem()}), so that they share its journal, snapshot store
 * and dispatcher with Acta's entities: only the code between the ask and the journal differs.
 */
public final class RawAccounts {
  /** The ask timeout, Acta's default too. */
  public static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private final ClusterSharding sharding;

  private RawAccounts(ClusterSharding sharding) {
    this.sharding = sharding;
  }

  /**
   * Registers the sharded type in {@code system}.
   *
   * @param passivateAfterIdle how long an idle account stays in memory; zero keeps it until the end
   * @param snapshots whether accounts snapshot every 100 events (as Acta's Account.TYPE does)
   */
  public static RawAccounts start(
      ActorSystem<?> system, Duration passivateAfterIdle, boolean snapshots) {
    ClusterSharding sharding = ClusterSharding.get(system);
    ClusterShardingSettings settings = ClusterShardingSettings.create(system);
    settings =
        passivateAfterIdle.isZero()
            ? settings.withNoPassivationStrategy()
            : settings.withPassivationStrategy(
                settings
                    .passivationStrategySettings()
                    .withIdleEntityPassivation(passivateAfterIdle));
    sharding.init(
        Entity.of(RawAccount.KEY, ctx -> new RawAccount(ctx.getEntityId(), snapshots))
            .withSettings(settings));
    return new RawAccounts(sharding);
  }

  /** The account {@code id}. */
  public EntityRef<RawCommand> ref(String id) {
    return sharding.entityRefFor(RawAccount.KEY, id);
  }

  public static CompletionStage<Done> open(EntityRef<RawCommand> account, String owner) {
    return account.askWithStatus(
        replyTo -> new RawCommand.Open(owner, "EUR", replyTo), ASK_TIMEOUT);
  }

  public static CompletionStage<Money> deposit(EntityRef<RawCommand> account, long minorUnits) {
    return account.askWithStatus(
        replyTo -> new RawCommand.Deposit(Money.of(minorUnits, "EUR"), replyTo), ASK_TIMEOUT);
  }

  public static CompletionStage<RawState> get(EntityRef<RawCommand> account) {
    return account.askWithStatus(RawCommand.Get::new, ASK_TIMEOUT);
  }
}
