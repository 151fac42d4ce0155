package io.acta.runtime.internal.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.runtime.internal.entity.PushedEvents;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;

/**
 * How pushed events join a projection's events-by-tag: under the offset events-by-tag has reached,
 * with their own sequence numbers, and only while events-by-tag is live.
 */
class WithPushedEventsTest {
  private long now = 1_000_000_000L;
  private final WithPushedEvents.Merge merge = new WithPushedEvents.Merge(() -> now, 100);

  private PushedEvents pushed(String pid, long first, Object... events) {
    return new PushedEvents("account-0", pid, first, now, List.of(events));
  }

  private static EventEnvelope<Object> tagged(long offset, String pid, long seq, long timestamp) {
    return EventEnvelope.create(Offset.sequence(offset), pid, seq, "tagged", timestamp);
  }

  @Test
  void pushedEventsCarryTheirEntitysSequenceNumbersAndTheStoredOffset() {
    merge.started(Optional.of(Offset.sequence(7)));

    var out = merge.pushed(pushed("account|a", 4, "opened", "deposited"));

    assertThat(out).extracting(EventEnvelope::sequenceNr).containsExactly(4L, 5L);
    assertThat(out).extracting(EventEnvelope::event).containsExactly("opened", "deposited");
    assertThat(out).extracting(EventEnvelope::offset).containsOnly(Offset.sequence(7));
  }

  @Test
  void pushedEventsTakeTheOffsetEventsByTagLastDelivered() {
    merge.started(Optional.of(Offset.sequence(7)));
    merge.delivered(tagged(9, "account|b", 1, now));

    assertThat(merge.pushed(pushed("account|a", 1, "opened")))
        .extracting(EventEnvelope::offset)
        .containsExactly(Offset.sequence(9));
  }

  @Test
  void anEventThatCamePushedIsNotPassedOnAgainWhenItsTagDeliversItButItsOffsetIs() {
    merge.started(Optional.of(Offset.sequence(7)));
    merge.pushed(pushed("account|a", 4, "opened", "deposited"));

    assertThat(merge.delivered(tagged(8, "account|a", 4, now))).isFalse();
    assertThat(merge.delivered(tagged(9, "account|a", 5, now))).isFalse();
    assertThat(merge.delivered(tagged(10, "account|a", 6, now))).isTrue();
    assertThat(merge.delivered(tagged(11, "account|b", 1, now))).isTrue();
    assertThat(merge.pushed(pushed("account|a", 7, "withdrawn")))
        .extracting(EventEnvelope::offset)
        .containsExactly(Offset.sequence(11));
  }

  @Test
  void aPushedEventLeftToItsTagIsPassedOnWhenTheTagDeliversIt() {
    merge.started(Optional.empty());
    merge.pushed(pushed("account|a", 1, "opened"));

    assertThat(merge.delivered(tagged(1, "account|a", 1, now))).isTrue();
  }

  @Test
  void withoutAnyOffsetYetPushedEventsWaitForTheirTag() {
    merge.started(Optional.empty());

    // A pushed event's offset would be none at all: stored, the projection would start over.
    assertThat(merge.pushed(pushed("account|a", 1, "opened"))).isEmpty();
  }

  @Test
  void whileEventsByTagCatchesUpPushedEventsAreLeftToIt() {
    merge.started(Optional.of(Offset.sequence(1)));
    merge.delivered(tagged(2, "account|b", 1, now - 3_600_000));
    now += 10;

    // Each would leave a hole before it that the projection reads from the journal.
    assertThat(merge.pushed(pushed("account|a", 40, "deposited"))).isEmpty();
  }

  @Test
  void eventsByTagIsLiveWhenItDeliversRecentEventsOrWaitsForNewOnes() {
    merge.delivered(tagged(2, "account|b", 1, now - 100));
    assertThat(merge.live(now)).isTrue();

    merge.delivered(tagged(3, "account|b", 2, now - WithPushedEvents.LIVE - 1));
    assertThat(merge.live(now)).isFalse();
    assertThat(merge.live(now + WithPushedEvents.QUIET - 1)).isFalse();
    // Nothing delivered for a while after that old event: events-by-tag is waiting, caught up.
    assertThat(merge.live(now + WithPushedEvents.QUIET)).isTrue();
  }
}
