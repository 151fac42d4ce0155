package io.acta.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.Done;
import io.acta.api.entity.EntityFailureException;
import io.acta.api.entity.PersistenceId;
import io.acta.api.entity.ReplyType;
import io.acta.runtime.EntityRef;
import io.acta.testkit.ActaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An entity whose evolve throws fails the command at once, stores nothing, and goes on serving; one
 * that cannot apply its stored events fails every command at once instead of hanging.
 */
class EvolveFailureTest {
  /** Far longer than a failure takes: a caller that waits this long was left hanging. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private static final String REFUSED =
      "evolve() of entity type 'fragile' failed on event 'fragile.added': long overflow;"
          + " nothing was persisted";

  @RegisterExtension static final ActaExtension acta = ActaExtension.with(Fragile.TYPE);

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static String pid(EntityRef<?> ref) {
    return PersistenceId.of(ref.entityType(), ref.entityId()).value();
  }

  private static AbstractThrowableAssert<?, ?> assertFails(
      EntityRef<Fragile.Command<?>> ref, ReplyType<?> command) {
    return assertThatThrownBy(() -> await(ref.ask(command, PATIENCE)))
        .cause()
        .isInstanceOf(EntityFailureException.class);
  }

  @Test
  void anUnkeyedCommandWhoseEventEvolveRefusesFailsAtOnceAndStoresNothing(
      EntityRef<Fragile.Command<?>> fragile) {
    await(fragile.ask(new Fragile.Add(Long.MAX_VALUE, null)));

    assertFails(fragile, new Fragile.Add(1, null)).hasMessage(REFUSED);

    assertThat(acta.store().eventCount(pid(fragile))).isEqualTo(1);
    assertThat(await(fragile.ask(new Fragile.Get())))
        .isEqualTo(new Fragile.State(Long.MAX_VALUE, 1));
    assertThat(await(fragile.ask(new Fragile.Add(-1, null)))).isEqualTo(Long.MAX_VALUE - 1);
  }

  @Test
  void aKeyedCommandWhoseEventEvolveRefusesFailsAtOnceAndRemembersNoKey(
      EntityRef<Fragile.Command<?>> fragile) {
    await(fragile.ask(new Fragile.Add(Long.MAX_VALUE, "k-1")));

    assertFails(fragile, new Fragile.Add(1, "k-2")).hasMessage(REFUSED);

    // Neither the event nor the key's record was stored: the key is free for another command.
    assertThat(acta.store().eventCount(pid(fragile))).isEqualTo(2);
    assertThat(await(fragile.ask(new Fragile.Add(-1, "k-2")))).isEqualTo(Long.MAX_VALUE - 1);
  }

  @Test
  void aCommandOfSeveralEventsIsRefusedWholeWhenEvolveRefusesAnyOfThem(
      EntityRef<Fragile.Command<?>> fragile) {
    assertFails(fragile, new Fragile.AddBoth(1, Long.MAX_VALUE)).hasMessage(REFUSED);

    assertThat(acta.store().eventCount(pid(fragile))).isZero();
    assertThat(await(fragile.ask(new Fragile.Get()))).isEqualTo(new Fragile.State(0, 0));
  }

  @Test
  void aCommandWithoutAReplyOfItsOwnFailsTheSameWay(EntityRef<Fragile.Command<?>> fragile) {
    await(fragile.ask(new Fragile.Add(Long.MAX_VALUE, null)));

    assertFails(fragile, new Fragile.AddQuietly(1)).hasMessage(REFUSED);

    assertThat(acta.store().eventCount(pid(fragile))).isEqualTo(1);
    assertThat(await(fragile.ask(new Fragile.AddQuietly(-1)))).isEqualTo(Done.DONE);
  }

  @Test
  void anEntityWhoseStoredEventsEvolveCannotApplyFailsEveryCommandAtOnceSayingWhy() {
    // As an earlier version of a service could have stored them: the second overflows the total.
    String pid = PersistenceId.of(Fragile.TYPE.name(), "stored-overflow").value();
    acta.store().appendEvent(pid, 1, "fragile.added@1", json("{\"n\":" + Long.MAX_VALUE + "}"));
    acta.store().appendEvent(pid, 2, "fragile.added@1", json("{\"n\":1}"));
    EntityRef<Fragile.Command<?>> ref = acta.entity(Fragile.TYPE, "stored-overflow");

    for (ReplyType<?> command : new ReplyType<?>[] {new Fragile.Get(), new Fragile.Add(-1, null)}) {
      assertFails(ref, command)
          .hasMessageContaining("entity fragile|stored-overflow cannot apply its stored events")
          .hasMessageContaining("evolve() of entity type 'fragile' failed on event 'fragile.added'")
          .hasMessageContaining("long overflow");
    }
    assertThatThrownBy(() -> await(ref.state())).cause().isInstanceOf(EntityFailureException.class);
    assertThat(acta.store().eventCount(pid)).isEqualTo(2);
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
