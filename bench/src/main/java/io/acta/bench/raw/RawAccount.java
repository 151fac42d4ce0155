package io.acta.bench.raw;

import io.acta.bench.raw.RawCommand.Deposit;
import io.acta.bench.raw.RawCommand.Get;
import io.acta.bench.raw.RawCommand.Open;
import io.acta.bench.raw.RawEvent.Deposited;
import io.acta.bench.raw.RawEvent.Opened;
import io.acta.examples.ledger.Money;
import java.time.Duration;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The ledger's account written by hand as a Pekko {@link EventSourcedBehavior}: the reference
 * Acta's runtime overhead is measured against. It mirrors what Acta does for {@code Account.TYPE}:
 * the same checks, one event per command, a tag per event ({@code <type>-<slice>}, four slices),
 * snapshots every 100 events keeping 2, restart with backoff on store failures. It lacks what Acta
 * adds: idempotency keys, typed outcomes and failure replies, stored names and upcasting.
 */
public final class RawAccount extends EventSourcedBehavior<RawCommand, RawEvent, RawState> {
  /** The sharded entity type. */
  public static final EntityTypeKey<RawCommand> KEY =
      EntityTypeKey.create(RawCommand.class, "raw-account");

  private static final int SLICES = 4;

  private final Set<String> tags;
  private final boolean snapshots;

  RawAccount(String entityId, boolean snapshots) {
    super(
        PersistenceId.of(KEY.name(), entityId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.tags = Set.of(KEY.name() + "-" + Math.floorMod(entityId.hashCode(), SLICES));
    this.snapshots = snapshots;
  }

  /** The persistence id of account {@code entityId}. */
  public static String persistenceId(String entityId) {
    return KEY.name() + "|" + entityId;
  }

  @Override
  public RawState emptyState() {
    return RawState.NEW;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return snapshots ? RetentionCriteria.snapshotEvery(100, 2) : RetentionCriteria.disabled();
  }

  @Override
  public Set<String> tagsFor(RawEvent event) {
    return tags;
  }

  @Override
  public CommandHandler<RawCommand, RawEvent, RawState> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Open.class, this::open)
        .onCommand(Deposit.class, this::deposit)
        .onCommand(
            Get.class, (state, get) -> Effect().reply(get.replyTo(), StatusReply.success(state)))
        .build();
  }

  private Effect<RawEvent, RawState> open(RawState state, Open open) {
    if (state.open())
      return Effect().reply(open.replyTo(), StatusReply.error("account already exists"));
    if (open.owner() == null || open.owner().isBlank())
      return Effect().reply(open.replyTo(), StatusReply.error("owner must not be blank"));
    if (!Money.isCurrency(open.currency()))
      return Effect().reply(open.replyTo(), StatusReply.error("invalid currency"));
    return Effect()
        .persist(new Opened(open.owner(), open.currency()))
        .thenReply(open.replyTo(), s -> StatusReply.success(Done.getInstance()));
  }

  private Effect<RawEvent, RawState> deposit(RawState state, Deposit deposit) {
    Money amount = deposit.amount();
    if (amount == null || amount.minorUnits() <= 0)
      return Effect().reply(deposit.replyTo(), StatusReply.error("amount must be positive"));
    if (!state.open())
      return Effect().reply(deposit.replyTo(), StatusReply.error("account is not open"));
    if (!amount.currency().equals(state.balance().currency())) {
      return Effect().reply(deposit.replyTo(), StatusReply.error("currency does not match"));
    }
    return Effect()
        .persist(new Deposited(amount))
        .thenReply(deposit.replyTo(), s -> StatusReply.success(s.balance()));
  }

  @Override
  public EventHandler<RawState, RawEvent> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Opened.class, (s, e) -> new RawState(true, e.owner(), Money.of(0, e.currency())))
        .onEvent(
            Deposited.class,
            (s, e) -> new RawState(true, s.owner(), s.balance().plus(e.amount().minorUnits())))
        .build();
  }
}
