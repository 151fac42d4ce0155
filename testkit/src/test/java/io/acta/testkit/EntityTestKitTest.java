package io.acta.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.Done;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class EntityTestKitTest {
  private final EntityTestKit<Tab.Command<?>, Tab.Event, Tab.State> kit =
      EntityTestKit.of(Tab.TYPE);

  @BeforeEach
  void noReceipts() {
    Tab.RECEIPTS.clear();
  }

  @Test
  void aCommandsEventsReplyAndStateFollowFromTheGivenHistory() {
    kit.given(new Tab.Ordered("tea", 3))
        .when(new Tab.Order("cake", 4))
        .thenEvents(new Tab.Ordered("cake", 4))
        .thenReply(7)
        .thenState(new Tab.State(7, false, List.of("tea", "cake")));
  }

  @Test
  void theGivenEventsFoldIntoTheState() {
    assertThat(kit.given(new Tab.Ordered("tea", 3), new Tab.Settled()).state())
        .isEqualTo(new Tab.State(3, true, List.of("tea")));
    assertThat(kit.state()).isEqualTo(new Tab.State(0, false, List.of()));
  }

  @Test
  void andThenAddsACommandsEventsToTheHistory() {
    kit.andThen(new Tab.Order("tea", 3))
        .andThen(new Tab.Settle())
        .when(new Tab.Order("cake", 4))
        .thenRejected("the tab is settled");
  }

  @Test
  void aRejectionIsAssertedByKindAndReasonWithNothingPersisted() {
    kit.when(new Tab.Order("tea", 0)).thenInvalid("price must be positive");

    assertThatThrownBy(
            () -> kit.when(new Tab.Order("tea", 0)).thenRejected("price must be positive"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("unexpected rejection");
    assertThatThrownBy(
            () -> kit.when(new Tab.Order("tea", 1)).thenInvalid("price must be positive"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("expected rejection");
  }

  @Test
  void aReplyFromARejectedCommandFailsWithTheRejection() {
    assertThatThrownBy(() -> kit.given(new Tab.Settled()).when(new Tab.Order("tea", 3)).reply())
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            "expected a reply but the command was rejected: CONFLICT \"the tab is settled\"");
  }

  @Test
  void wrongEventsReplyOrStateFailTheTest() {
    var result = kit.when(new Tab.Order("tea", 3));

    assertThatThrownBy(() -> result.thenEvents(new Tab.Ordered("tea", 4)))
        .hasMessageContaining("unexpected events");
    assertThatThrownBy(() -> result.thenReply(4)).hasMessageContaining("unexpected reply");
    assertThatThrownBy(() -> result.thenState(new Tab.State(4, false, List.of("tea"))))
        .hasMessageContaining("unexpected state");
    assertThatThrownBy(result::thenNoEvents).hasMessageContaining("expected no events");
  }

  @Test
  void aDoneCommandWithoutAReplyIsAnsweredDone() {
    kit.when(new Tab.Settle()).thenEvents(new Tab.Settled()).thenReply(Done.DONE);
  }

  @Test
  void aCommandTheEntityForgetsToReplyToFailsNamingIt() {
    assertThatThrownBy(() -> kit.when(new Tab.Peek()).reply())
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            "expected a reply but the entity failed: entity type 'tab' gave no reply to Peek; add"
                + " thenReply(...) to its effect");
  }

  @Test
  void sideEffectsRunWithTheNewStateAndNotForARejection() {
    kit.given(new Tab.Ordered("tea", 3)).when(new Tab.Order("cake", 4));
    kit.given(new Tab.Settled()).when(new Tab.Order("cake", 4));

    assertThat(Tab.RECEIPTS).containsExactly(7);
  }

  @Test
  void aGivenEventThatDoesNotSurviveSerializationFailsTheTest() {
    assertThatThrownBy(() -> kit.given(new Tab.Marked(new int[] {1})))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("given event Marked is not equal to itself after serialization");
  }

  @Test
  void aCommandThatDoesNotSurviveSerializationFailsTheTest() {
    assertThatThrownBy(() -> kit.when(new Tab.Mark(new int[] {1})))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("command Mark is not equal to itself after serialization");
  }
}
